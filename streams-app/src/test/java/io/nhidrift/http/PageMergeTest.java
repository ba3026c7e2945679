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
        List<Page.Listed> out = new ArrayList<>();
        int examined = 0;
        for (CredentialRow r : sorted) {
            if (!q.afterCursor(r)) {
                continue;
            }
            examined++;
            if (q.matches(r)) {
                out.add(new Page.Listed(r, q.sort().position(r)));
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
                    Page page = Page.merge(parts, limit, q.order());
                    paged.addAll(page.credentials());
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
        Page page = Page.merge(List.of(new Page(listed(q, row("b", 5), row("c", null)), null),
                new Page(listed(q, row("a", 5), row("d", 9)), null)), 10, q.order());
        assertEquals(List.of("d", "a", "b", "c"), page.credentials().stream().map(CredentialRow::credentialId).toList());
    }

    @Test
    void theMergedPageIsRankedAsOfTheOldestSource() {
        ListQuery q = ListQuery.from(Map.of("sort", "risk"));
        Page merged = Page.merge(List.of(new Page(listed(q, row("a", 1)), null, 2_000L), new Page(List.of(), null, 1_000L),
                new Page(listed(q, row("b", 2)), null, null)), 10, q.order());
        assertEquals(1_000L, merged.rankedAt());
        assertEquals(null, Page.merge(List.of(new Page(List.of(), null)), 10, q.order()).rankedAt(), "no index used");
    }

    @Test
    void rowsMergeByThePositionTheyWereRankedAtNotTheirFreshValue() {
        ListQuery q = ListQuery.from(Map.of("sort", "risk"));
        // "a" was ranked at 9 and scores 1 now: it stays where its partition's index put it
        Page merged = Page.merge(List.of(new Page(List.of(new Page.Listed(row("a", 1), new Position(9.0, "a"))), null),
                new Page(listed(q, row("b", 5)), null)), 10, q.order());
        assertEquals(List.of("a", "b"), merged.credentials().stream().map(CredentialRow::credentialId).toList());
    }

    private static List<Page.Listed> listed(ListQuery q, CredentialRow... rows) {
        return java.util.Arrays.stream(rows).map(r -> new Page.Listed(r, q.sort().position(r))).toList();
    }
}
