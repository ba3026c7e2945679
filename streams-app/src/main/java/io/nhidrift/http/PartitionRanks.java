package io.nhidrift.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One partition's rank index, immutable: every credential of the partition as reviewed at {@link #builtAt()}
 * ({@link RankEntry}), in six sorted arrays (risk, last use, unused share; each ascending and descending, ties by id
 * ascending as {@link Position#order} says), and the partition's part of the {@link FleetSummary}. Built by one scan of
 * the partition ({@link #of}); {@link RankIndex} decides when.
 *
 * <p>A page ({@link #page}) is a binary search for the cursor, then the entries after it: an entry that passes the
 * filters (tested on the entry, no store read) is read fresh by key and reviewed now, at most {@code limit} of them, and
 * at most {@link LocalCredentials#SCAN_BUDGET} entries are examined (a selective filter then answers a shorter page
 * whose cursor resumes there). A row whose fresh values no longer pass the filters, or a credential gone from the store,
 * is left out; the row keeps the position it was ranked at, so paging goes on from the index and never skips or
 * repeats. A credential new since the build, or one that passes the filters only since, is listed from the next build
 * on.
 */
final class PartitionRanks {

    private final long builtAt;
    private final int size;
    private final Map<ListSort, RankEntry[]> ascending = new EnumMap<>(ListSort.class);
    private final Map<ListSort, RankEntry[]> descending = new EnumMap<>(ListSort.class);
    private final FleetSummary summary;

    private PartitionRanks(long builtAt, List<RankEntry> entries, FleetSummary summary) {
        this.builtAt = builtAt;
        this.summary = summary;
        this.size = entries.size();
        RankEntry[] all = entries.toArray(RankEntry[]::new);
        for (ListSort sort : ListSort.RANKED) {
            ascending.put(sort, sorted(all, sort, false));
            descending.put(sort, sorted(all, sort, true));
        }
    }

    /** The index of the rows of one partition's scan (each row reviewed at {@code builtAt}), consumed once. */
    static PartitionRanks of(long builtAt, Iterator<CredentialRow> rows) {
        List<RankEntry> entries = new ArrayList<>();
        Map<Object, Object> shared = new HashMap<>();
        FleetSummary summary = new FleetSummary();
        while (rows.hasNext()) {
            CredentialRow r = rows.next();
            entries.add(RankEntry.of(r, shared));
            summary.add(r);
        }
        summary.rankedAt(builtAt);
        return new PartitionRanks(builtAt, entries, summary);
    }

    /** When the scan this index holds began (epoch ms): its values are as of then. */
    long builtAt() {
        return builtAt;
    }

    /** Credentials indexed. */
    int size() {
        return size;
    }

    /** The partition's part of the fleet summary, as of {@link #builtAt()}. Callers merge it, never change it. */
    FleetSummary summary() {
        return summary;
    }

    /**
     * The page of a sorted query after its cursor.
     *
     * @param fresh the credential's row read by key and reviewed now, or null when it is no longer stored
     */
    Page page(ListQuery q, Function<String, CredentialRow> fresh) {
        ListSort sort = q.sort();
        RankEntry[] order = (q.descending() ? descending : ascending).get(sort);
        Comparator<Position> cmp = q.order();
        List<Page.Listed> rows = new ArrayList<>();
        int taken = 0;
        int examined = 0;
        for (int i = q.after() == null ? 0 : firstAfter(order, sort, q.after(), cmp); i < order.length; i++) {
            RankEntry e = order[i];
            examined++;
            if (q.matches(e)) {
                CredentialRow r = fresh.apply(e.id());
                if (r != null && q.matches(r)) {
                    rows.add(new Page.Listed(r, e.position(sort)));
                }
                if (++taken == q.limit()) {
                    return new Page(rows, e.position(sort), builtAt);
                }
            }
            if (examined >= LocalCredentials.SCAN_BUDGET) {
                return new Page(rows, e.position(sort), builtAt);
            }
        }
        return new Page(rows, null, builtAt);
    }

    /** The first index whose entry comes after {@code after} in the order (binary search). */
    private static int firstAfter(RankEntry[] order, ListSort sort, Position after, Comparator<Position> cmp) {
        int lo = 0;
        int hi = order.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cmp.compare(order[mid].position(sort), after) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static RankEntry[] sorted(RankEntry[] all, ListSort sort, boolean descending) {
        RankEntry[] out = all.clone();
        Arrays.sort(out, Comparator.comparing((RankEntry e) -> e.position(sort), Position.order(descending)));
        return out;
    }
}
