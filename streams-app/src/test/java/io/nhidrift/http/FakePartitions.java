package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * In-memory partitions of the credential stores for the list and the rank index, counting what is read: range reads
 * (scans) and key reads per partition.
 */
final class FakePartitions implements PartitionReads {

    private final Map<Integer, TreeMap<String, CredentialState>> states = new HashMap<>();
    private final Map<Integer, Map<String, Entitlement>> entitlements = new HashMap<>();
    private final Map<Integer, AtomicInteger> ranges = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> keyReads = new ConcurrentHashMap<>();

    synchronized void put(int partition, String id, CredentialState state, Entitlement entitlement) {
        states.computeIfAbsent(partition, p -> new TreeMap<>()).put(id, state);
        if (entitlement != null) {
            entitlements.computeIfAbsent(partition, p -> new HashMap<>()).put(id, entitlement);
        }
    }

    synchronized void remove(int partition, String id) {
        states.get(partition).remove(id);
        entitlements.getOrDefault(partition, new HashMap<>()).remove(id);
    }

    /** Every credential, as a snapshot of the partition it is in. */
    synchronized List<CredentialStateReader.Snapshot> all() {
        List<CredentialStateReader.Snapshot> out = new ArrayList<>();
        states.forEach((p, m) -> m.forEach((id, s) -> out.add(
                new CredentialStateReader.Snapshot(id, s, entitlements.getOrDefault(p, Map.of()).get(id)))));
        return out;
    }

    /** Range reads (scans) of a partition so far. */
    int ranges(int partition) {
        return ranges.computeIfAbsent(partition, p -> new AtomicInteger()).get();
    }

    /** Single-credential reads ({@link #read}) of a partition so far. */
    int keyReads(int partition) {
        return keyReads.computeIfAbsent(partition, p -> new AtomicInteger()).get();
    }

    @Override
    public synchronized KeyValueIterator<String, CredentialState> range(int partition, String from, boolean reverse) {
        ranges.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet();
        TreeMap<String, CredentialState> m = states.getOrDefault(partition, new TreeMap<>());
        NavigableMap<String, CredentialState> view = from == null ? (reverse ? m.descendingMap() : m)
                : reverse ? m.headMap(from, true).descendingMap() : m.tailMap(from, true);
        return iterator(new ArrayList<>(view.entrySet()).iterator());
    }

    @Override
    public synchronized CredentialStateReader.Snapshot read(String credentialId, int partition) {
        keyReads.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet();
        return new CredentialStateReader.Snapshot(credentialId, states.getOrDefault(partition, new TreeMap<>()).get(credentialId),
                entitlements.getOrDefault(partition, Map.of()).get(credentialId));
    }

    @Override
    public synchronized Entitlement entitlement(int partition, String credentialId) {
        return entitlements.getOrDefault(partition, Map.of()).get(credentialId);
    }

    private static KeyValueIterator<String, CredentialState> iterator(Iterator<Map.Entry<String, CredentialState>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, CredentialState> next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, CredentialState> e = it.next();
                return KeyValue.pair(e.getKey(), e.getValue());
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
    }
}
