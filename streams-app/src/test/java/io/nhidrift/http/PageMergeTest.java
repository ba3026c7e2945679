package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.review.CredentialStatus;
import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Paging through merged sources returns every row exactly once, in order, whatever the page size, when sources stop
 * early (their scan budget) or fill their page: the cursor never skips what a source has not looked at yet.
 */
@UnitTest
class PageMergeTest {

    private static CredentialRow row(String id, Integer risk) {
        return new CredentialRow(id, "api_key", null, null, CredentialStatus.ACTIVE, null, risk, null, 0, 0, 0, List.of());
    }

    /** A source answering like a partition read: the rows after the cursor, at most limit, at most budget examined. */
    private static Page source(List<CredentialRow> rows, ListQuery q, int budget) {
        List<CredentialRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(q.sort()::position, q.order()));
        List<CredentialRow> out = new ArrayList<>();
        int examined = 0;
        for (CredentialRow r : sorted) {
            if (!q.afterCursor(r)) {
                continue;
            }
            examined++;
            if (q.matches(r)) {
                out.add(r);
                if (out.size() == q.limit()) {
                    return new Page(out, q.sort().position(r));
                }
            }
            if (examined >= budget) {
                return new Page(out, q.sort().position(r));
            }
        }
        return new Page(out, null);
    }

    @Test
    void pagingThroughMergedSourcesYieldsEveryRowOnceInOrder() {
        Random random = new Random(7);
        for (String sort : new String[] {"id", "risk"}) {
            for (int limit : new int[] {1, 3, 10, 50}) {
                List<List<CredentialRow>> sources = new ArrayList<>();
                List<CredentialRow> all = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    List<CredentialRow> rows = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        CredentialRow r = row("cred-" + s + "-" + i, random.nextInt(5) == 0 ? null : random.nextInt(20));
                        rows.add(r);
                        all.add(r);
                    }
                    sources.add(rows);
                }
                ListQuery q = ListQuery.from(Map.of("sort", sort, "limit", String.valueOf(limit)));
                all.sort(Comparator.comparing(q.sort()::position, q.order()));
                List<CredentialRow> paged = new ArrayList<>();
                for (int pages = 0; pages < 1000; pages++) {
                    List<Page> parts = new ArrayList<>();
                    for (int s = 0; s < sources.size(); s++) {
                        parts.add(source(sources.get(s), q, s == 0 ? 4 : Integer.MAX_VALUE)); // source 0 stops early
                    }
                    Page page = Page.merge(parts, limit, q.sort(), q.order());
                    paged.addAll(page.rows());
                    if (page.coveredTo() == null) {
                        break;
                    }
                    q = q.withAfter(page.coveredTo());
                }
                assertEquals(all.stream().map(CredentialRow::credentialId).toList(),
                        paged.stream().map(CredentialRow::credentialId).toList(), "sort " + sort + ", limit " + limit);
            }
        }
    }

    @Test
    void riskSortsDescendingWithUnscoredLastAndTiesById() {
        ListQuery q = ListQuery.from(Map.of("sort", "risk"));
        Page page = Page.merge(List.of(new Page(List.of(row("b", 5), row("c", null)), null),
                new Page(List.of(row("a", 5), row("d", 9)), null)), 10, q.sort(), q.order());
        assertEquals(List.of("d", "a", "b", "c"), page.rows().stream().map(CredentialRow::credentialId).toList());
    }
}
