package io.nhidrift.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Part of a list answer from one partition, one instance or the cluster: the rows after the cursor, in order, at
 * most {@code limit}, and how far the source looked ({@code coveredTo}): every matching row at or before that
 * position is in {@code rows} (or was on an earlier page), rows after it may exist. Null = the source is exhausted.
 */
record Page(List<CredentialRow> rows, Position coveredTo) {

    /**
     * Merges pages of disjoint sources: the rows up to the least covered position, the first {@code limit} of them;
     * covered to the last row taken when more remain, else to the least covered position. The cursor of the next
     * page is the merged {@code coveredTo}.
     */
    static Page merge(List<Page> pages, int limit, ListSort sort, Comparator<Position> order) {
        Position bound = null;
        for (Page p : pages) {
            if (p.coveredTo() != null && (bound == null || order.compare(p.coveredTo(), bound) < 0)) {
                bound = p.coveredTo();
            }
        }
        List<CredentialRow> all = new ArrayList<>();
        for (Page p : pages) {
            for (CredentialRow r : p.rows()) {
                if (bound == null || order.compare(sort.position(r), bound) <= 0) {
                    all.add(r);
                }
            }
        }
        all.sort(Comparator.comparing(sort::position, order));
        if (all.size() > limit) {
            List<CredentialRow> page = List.copyOf(all.subList(0, limit));
            return new Page(page, sort.position(page.get(limit - 1)));
        }
        return new Page(List.copyOf(all), bound);
    }
}
