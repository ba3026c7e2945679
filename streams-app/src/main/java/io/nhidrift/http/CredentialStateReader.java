package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.topology.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Part two of an interactive query: reads this instance's own stores (active tasks only, never
 * stale standbys). A store that is closed, migrating or restoring surfaces as {@link NotQueryable}.
 */
public final class CredentialStateReader implements PartitionReads {

    /** What this instance knows about one credential; both parts may be null. */
    public record Snapshot(String credentialId, CredentialState state, Entitlement entitlement) {
        public boolean exists() {
            return state != null || entitlement != null;
        }
    }

    /** One row of the local listing. */
    public record Entry(String credentialId, Long lastSeen) {}

    /** The local store cannot be read right now; the caller should retry shortly. */
    public static final class NotQueryable extends RuntimeException {
        public NotQueryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaStreams streams;

    public CredentialStateReader(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Reads the credential from the given local partition (from {@link CredentialLocator}). */
    @Override
    public Snapshot read(String credentialId, int partition) {
        try {
            CredentialState state = this.<CredentialState>store(Names.CREDENTIAL_STATE_STORE, partition).get(credentialId);
            Entitlement entitlement = this.<Entitlement>store(Names.INVENTORY_STORE, partition).get(credentialId);
            return new Snapshot(credentialId, state, entitlement);
        } catch (InvalidStateStoreException e) { // migrated between lookup and read
            throw new NotQueryable("stores of partition " + partition + " are migrating: " + e.getMessage(), e);
        }
    }

    /**
     * Credentials of this instance's active tasks with a key after {@code after} (exclusive, null =
     * from the start), in key order, at most {@code limit}. The store spans several partitions whose
     * ranges are each sorted, so the first {@code limit} keys are kept in a bounded sorted map.
     */
    public List<Entry> list(String after, int limit) {
        ReadOnlyKeyValueStore<String, CredentialState> store = store(Names.CREDENTIAL_STATE_STORE, null);
        TreeMap<String, Long> firstKeys = new TreeMap<>();
        try (KeyValueIterator<String, CredentialState> it = after == null ? store.all() : store.range(after, null)) {
            while (it.hasNext()) {
                KeyValue<String, CredentialState> kv = it.next();
                if (after != null && kv.key.compareTo(after) <= 0) {
                    continue;
                }
                if (firstKeys.size() == limit && kv.key.compareTo(firstKeys.lastKey()) >= 0) {
                    continue;
                }
                firstKeys.put(kv.key, kv.value == null ? null : kv.value.getLastSeen());
                if (firstKeys.size() > limit) {
                    firstKeys.pollLastEntry();
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new NotQueryable("store '" + Names.CREDENTIAL_STATE_STORE + "' is migrating: " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>(firstKeys.size());
        for (Map.Entry<String, Long> e : firstKeys.entrySet()) {
            out.add(new Entry(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * The credential states of one local partition in key order from {@code from} (inclusive; null = the first key),
     * or in reverse key order down from it. The caller closes the iterator.
     */
    @Override
    public KeyValueIterator<String, CredentialState> range(int partition, String from, boolean reverse) {
        ReadOnlyKeyValueStore<String, CredentialState> store = store(Names.CREDENTIAL_STATE_STORE, partition);
        try {
            return reverse ? store.reverseRange(null, from) : store.range(from, null);
        } catch (InvalidStateStoreException e) {
            throw new NotQueryable("stores of partition " + partition + " are migrating: " + e.getMessage(), e);
        }
    }

    /** The entitlement of a credential of a local partition, or null. */
    @Override
    public Entitlement entitlement(int partition, String credentialId) {
        try {
            return this.<Entitlement>store(Names.INVENTORY_STORE, partition).get(credentialId);
        } catch (InvalidStateStoreException e) {
            throw new NotQueryable("stores of partition " + partition + " are migrating: " + e.getMessage(), e);
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            params = params.withPartition(partition);
        }
        try {
            return streams.store(params);
        } catch (InvalidStateStoreException e) {
            throw new NotQueryable("store '" + name + "' is not queryable here now: " + e.getMessage(), e);
        }
    }
}
