package io.nhidrift.replay;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * An access-ordered map bounded by the total weight of its values rather than their number: each put weighs the
 * value again (values are mutable objects re-put after each change), and while the total is over the budget the
 * least recently used entries are handed to {@code evicted} and dropped, down to the most recent one. Only
 * {@link #get}, {@link #put} and {@link #size} are meant to be used. Not thread-safe.
 */
final class WeightedLru<V> extends AbstractMap<String, V> {

    private record Weighed<V>(V value, long weight) {}

    private final LinkedHashMap<String, Weighed<V>> map = new LinkedHashMap<>(1024, 0.75f, true);
    private final long budget;
    private final ToLongFunction<V> weigher;
    private final BiConsumer<String, V> evicted;
    private long total;

    WeightedLru(long budget, ToLongFunction<V> weigher, BiConsumer<String, V> evicted) {
        this.budget = budget;
        this.weigher = weigher;
        this.evicted = evicted;
    }

    @Override
    public V get(Object key) {
        Weighed<V> w = map.get(key);
        return w == null ? null : w.value();
    }

    @Override
    public V put(String key, V value) {
        long weight = weigher.applyAsLong(value);
        Weighed<V> old = map.put(key, new Weighed<>(value, weight));
        total += weight - (old == null ? 0 : old.weight());
        if (total > budget) {
            Iterator<Map.Entry<String, Weighed<V>>> eldest = map.entrySet().iterator();
            while (total > budget && map.size() > 1) {
                Map.Entry<String, Weighed<V>> e = eldest.next();
                evicted.accept(e.getKey(), e.getValue().value());
                total -= e.getValue().weight();
                eldest.remove();
            }
        }
        return old == null ? null : old.value();
    }

    @Override
    public int size() {
        return map.size();
    }

    /** The estimated weight held. */
    long weight() {
        return total;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        throw new UnsupportedOperationException("a cache: get, put and size only");
    }
}
