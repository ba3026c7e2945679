package io.nhidrift.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** The k-way merge of iterators that are each in {@code order}: one sequence in that order. */
final class Interleave<T> implements Iterator<T> {

    private final PriorityQueue<Head<T>> heads;

    Interleave(List<? extends Iterator<T>> sources, Comparator<? super T> order) {
        this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> order.compare(a.item, b.item));
        List<Head<T>> first = new ArrayList<>();
        for (Iterator<T> it : sources) {
            if (it.hasNext()) {
                first.add(new Head<>(it, it.next()));
            }
        }
        heads.addAll(first);
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public T next() {
        Head<T> h = heads.poll();
        if (h == null) {
            throw new NoSuchElementException();
        }
        T item = h.item;
        if (h.source.hasNext()) {
            h.item = h.source.next();
            heads.add(h);
        }
        return item;
    }

    private static final class Head<T> {
        final Iterator<T> source;
        T item;

        Head(Iterator<T> source, T item) {
            this.source = source;
            this.item = item;
        }
    }
}
