package io.nhidrift.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.MeteredStateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps what its task writes as objects until the task commits: a key written many times
 * between two commits is serialized and put to the (cached, changelogged) store below once, when Kafka Streams
 * flushes the caches before committing — under exactly-once, inside the transaction that commits the input
 * offsets, so the changelog holds every change the committed offsets account for.
 *
 * <p>Reads on the task's own thread (the last thread that wrote) see the pending objects; reads on any other
 * thread (interactive queries) see the store below, i.e. the state as of the last commit (at most
 * {@code commit.interval} old), and never an object the task is changing. Range scans on the task's thread first
 * push the pending objects down. At most {@code maxPending} keys are held: past that, all are pushed down at once
 * (still inside the open transaction). A dirty close or a cleared cache (a task revived after a failure) drops
 * them, like the record cache below.
 *
 * <p>Uses Kafka Streams' internal {@link WrappedStateStore}: it is the store layer through which the task's commit
 * reaches caches ({@code CachedStateStore.flushCache}); pinned with the Kafka version, covered by the integration
 * and topology tests.
 */
final class WriteBehindKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V>, MeteredStateStore {

    private final Map<K, V> pending = new HashMap<>();
    private final int maxPending;
    private volatile Thread owner;

    WriteBehindKeyValueStore(KeyValueStore<K, V> inner, int maxPending) {
        super(inner);
        this.maxPending = maxPending;
    }

    /** Keys written since the last push down (for tests and metrics). */
    int pendingCount() {
        return pending.size();
    }

    @Override
    public void put(K key, V value) {
        claim();
        if (value == null) {
            pending.remove(key);
            wrapped().put(key, null);
            return;
        }
        pending.put(key, value);
        if (pending.size() > maxPending) {
            pushDown();
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public V delete(K key) {
        claim();
        V was = pending.remove(key);
        V below = wrapped().delete(key);
        return was != null ? was : below;
    }

    @Override
    public V get(K key) {
        if (Thread.currentThread() == owner) {
            V v = pending.get(key);
            if (v != null) {
                return v;
            }
        }
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        pushDownIfOwner();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        pushDownIfOwner();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        pushDownIfOwner();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        pushDownIfOwner();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        pushDownIfOwner();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Before every commit (exactly-once: before the offsets are sent to the transaction). */
    @Override
    public void flushCache() {
        pushDown();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        pushDown();
        super.commit(changelogOffsets);
    }

    /** A task revived after a failure: what was not committed is gone, here as in the record cache. */
    @Override
    public void clearCache() {
        pending.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        pending.clear(); // a clean close has flushed (committed) first; a dirty one must not write
        super.close();
    }

    @Override
    public void recordRestoreTime(long restoreTimeNs) {
        if (wrapped() instanceof MeteredStateStore m) {
            m.recordRestoreTime(restoreTimeNs);
        }
    }

    private void claim() {
        Thread t = Thread.currentThread();
        if (owner != t) {
            if (!pending.isEmpty()) {
                pushDown(); // the task moved to another thread (not expected between commits): keep nothing behind
            }
            owner = t;
        }
    }

    private void pushDownIfOwner() {
        if (Thread.currentThread() == owner) {
            pushDown();
        }
    }

    private void pushDown() {
        if (pending.isEmpty()) {
            return;
        }
        KeyValueStore<K, V> below = wrapped();
        for (Map.Entry<K, V> e : pending.entrySet()) {
            below.put(e.getKey(), e.getValue());
        }
        pending.clear();
    }
}
