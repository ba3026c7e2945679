package io.nhidrift.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Part of a list answer from one partition, one instance or the cluster: the rows after the cursor, in order, at
 * most {@code limit}, and how far the source looked ({@code coveredTo}): every matching row at or before that
 * position is in {@code rows} (or was on an earlier page), rows after it may exist. Null = the source is exhausted.
 * Each row carries its {@link Listed#position() position} in the order: in id order its id; in the other orders the
 * value it was ranked by in its partition's rank index ({@link PartitionRanks}), which the row's own (fresh) value
 * may have left since. {@code rankedAt} is the build time (epoch ms) of the oldest rank index used, null when none
 * was (id order reads the store directly).
 */
record Page(List<Listed> rows, Position coveredTo, Long rankedAt) {

    /** A row and its place in the list's order. */
    record Listed(CredentialRow row, Position position) {}

    Page(List<Listed> rows, Position coveredTo) {
        this(rows, coveredTo, null);
    }

    /** The credential rows alone. */
    List<CredentialRow> credentials() {
        return rows.stream().map(Listed::row).toList();
    }

    /**
     * Merges pages of disjoint sources: the rows up to the least covered position, the first {@code limit} of them;
     * covered to the last row taken when more remain, else to the least covered position. The cursor of the next
     * page is the merged {@code coveredTo}; the merged {@code rankedAt} is the oldest of the sources'.
     */
    static Page merge(List<Page> pages, int limit, Comparator<Position> order) {
        Position bound = null;
        Long rankedAt = null;
        for (Page p : pages) {
            if (p.coveredTo() != null && (bound == null || order.compare(p.coveredTo(), bound) < 0)) {
                bound = p.coveredTo();
            }
            rankedAt = oldest(rankedAt, p.rankedAt());
        }
        List<Listed> all = new ArrayList<>();
        for (Page p : pages) {
            for (Listed r : p.rows()) {
                if (bound == null || order.compare(r.position(), bound) <= 0) {
                    all.add(r);
                }
            }
        }
        all.sort(Comparator.comparing(Listed::position, order));
        if (all.size() > limit) {
            List<Listed> page = List.copyOf(all.subList(0, limit));
            return new Page(page, page.get(limit - 1).position(), rankedAt);
        }
        return new Page(List.copyOf(all), bound, rankedAt);
    }

    /** The older of two build times, either may be null (none). */
    static Long oldest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
