package io.nhidrift.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A newest-first page of alerts from one part of the store (a partition, an instance, or the whole cluster) and how
 * far it is complete: every matching alert up to and including {@code coveredTo} in newest-first order is in
 * {@code items} or in an earlier page; null = the part holds no further match.
 *
 * <p>Pages of several parts {@link #merge merge} into one of the same kind, so the same code merges partitions on an
 * instance and instances in the cluster, each part read with a bounded scan: the merged page keeps only items up to
 * the newest point some part's reading stopped at, so the next page (after the cursor) misses nothing.
 */
public record AlertPage<T>(List<T> items, AlertPosition coveredTo) {

    public static <T> AlertPage<T> merge(List<AlertPage<T>> parts, int limit, Function<T, AlertPosition> position) {
        AlertPosition frontier = null;
        for (AlertPage<T> p : parts) {
            if (p.coveredTo() != null && (frontier == null || p.coveredTo().compareTo(frontier) < 0)) {
                frontier = p.coveredTo();
            }
        }
        List<T> all = new ArrayList<>();
        for (AlertPage<T> p : parts) {
            for (T item : p.items()) {
                if (frontier == null || position.apply(item).compareTo(frontier) <= 0) {
                    all.add(item);
                }
            }
        }
        all.sort((a, b) -> position.apply(a).compareTo(position.apply(b)));
        if (all.size() >= limit) {
            List<T> page = new ArrayList<>(all.subList(0, limit));
            return new AlertPage<>(page, position.apply(page.get(limit - 1)));
        }
        return new AlertPage<>(all, frontier);
    }
}
