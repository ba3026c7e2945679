package io.nhidrift.cache;

import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * A map bounded by the total weight of its values rather than their number, evicting by the second-chance (CLOCK)
 * rule: each put weighs the value again (values are mutable objects re-put after each change), and while the total
 * is over the budget the hand goes round the entries in insertion order: an entry used (got or put) since the hand
 * last passed it loses that mark and stays, one not used is handed to {@code evicted} and dropped; the entry being
 * put always stays. Only {@link #get}, {@link #put}, {@link #replace(String, Object)} and {@link #size} are meant to
 * be used. Not thread-safe. Replay bounds its caches by the estimated heap of the states ({@code HeapWeight}); the
 * topology's object caches by their number (each weighs 1).
 *
 * <p>Why not an access-ordered {@code LinkedHashMap}: it relinks an entry on every read, four pointer writes into
 * long-lived nodes spread over the heap, and under G1 each such write dirties a card that the concurrent
 * refinement threads must then process: on a 10 M-event replay they took a third of the processor time of the
 * detection stage. Marking an entry used here is one primitive write.
 */
public final class WeightedCache<V> extends AbstractMap<String, V> {

    private static final class Slot<V> {
        final String key;
        V value;
        long weight;
        boolean used;

        Slot(String key, V value, long weight) {
            this.key = key;
            this.value = value;
            this.weight = weight;
        }
    }

    private final HashMap<String, Slot<V>> map = new HashMap<>(1024);
    private final ArrayDeque<Slot<V>> clock = new ArrayDeque<>(1024);
    private final long budget;
    private final ToLongFunction<V> weigher;
    private final BiConsumer<String, V> evicted;
    private long total;

    /** A cache of at most {@code budget} total weight; {@code evicted} receives what goes out. */
    public WeightedCache(long budget, ToLongFunction<V> weigher, BiConsumer<String, V> evicted) {
        this.budget = budget;
        this.weigher = weigher;
        this.evicted = evicted;
    }

    @Override
    public V get(Object key) {
        Slot<V> s = map.get(key);
        if (s == null) {
            return null;
        }
        if (!s.used) {
            s.used = true;
        }
        return s.value;
    }

    @Override
    public V put(String key, V value) {
        long weight = weigher.applyAsLong(value);
        Slot<V> slot = map.get(key);
        V old = null;
        if (slot == null) {
            slot = new Slot<>(key, value, weight);
            map.put(key, slot);
            clock.addLast(slot);
            total += weight;
        } else {
            old = slot.value;
            if (old != value) {
                slot.value = value;
            }
            total += weight - slot.weight;
            slot.weight = weight;
            if (!slot.used) {
                slot.used = true;
            }
        }
        while (total > budget && map.size() > 1) {
            Slot<V> s = clock.pollFirst();
            if (s != slot && !s.used) {
                evicted.accept(s.key, s.value);
                total -= s.weight;
                map.remove(s.key);
                continue;
            }
            if (s != slot) {
                s.used = false;
            }
            clock.addLast(s);
        }
        return old;
    }

    /** Puts {@code value} only if {@code key} is cached; returns the value it replaced, or null. */
    @Override
    public V replace(String key, V value) {
        return map.containsKey(key) ? put(key, value) : null;
    }

    @Override
    public int size() {
        return map.size();
    }

    /** The estimated weight held. */
    public long weight() {
        return total;
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        throw new UnsupportedOperationException("a cache: get, put and size only");
    }
}
