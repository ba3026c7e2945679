package io.nhidrift.topology;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.cache.WeightedCache;
import io.nhidrift.detect.KeptEntitlement;
import io.nhidrift.detect.StateAccess;
import io.nhidrift.inventory.CompiledEntitlement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The engine's state on the task's three stores. Time-index keys are {@code [due (8 bytes,
 * big-endian, sign bit flipped so negative times sort first)][kind (1)][credentialId (UTF-8)]}, so
 * RocksDB's byte order is due-time order and a sweep reads only the entries that are due.
 *
 * <p>Recently used states and entitlements are also kept as objects (every change is put to the store, so the
 * changelog sees it), which saves deserializing them on every event of a busy credential; the credential-state
 * store itself holds changed states as objects until the commit ({@link WriteBehindKeyValueStore}), which saves
 * serializing them on every event. The processor is the only writer of these stores, and the caches live and
 * die with its task.
 */
final class StoreStateAccess implements StateAccess {

    private static final byte[] MARKER = {1};
    /**
     * Objects per cache and task. An object enters a cache on its second miss within the reach of
     * {@link #recentMisses}, so credentials seen once in a long while (most of them, at 1 M credentials) do not
     * push out the busy ones. Measured (docs/BENCHMARKS.md): a plain LRU of 50 k entries at 1 M credentials mostly
     * churned — states decoded, promoted, evicted — and GC took 14–25 µs per event.
     */
    private static final int OBJECT_CACHE_ENTRIES = 50_000;

    private final java.util.Map<String, CredentialState> stateCache = objectCache();
    /** Entitlements with their compiled forms once asked for ({@link #compiled}). */
    private final java.util.Map<String, KeptEntitlement> inventoryCache = objectCache();
    /** Direct-mapped hashes of recently missed ids (the caches' doorkeeper); a collision only admits early. */
    private final long[] recentMisses = new long[1 << 16];

    private final KeyValueStore<String, CredentialState> states;
    private final KeyValueStore<String, Entitlement> inventory;
    private final KeyValueStore<Bytes, byte[]> index;

    StoreStateAccess(KeyValueStore<String, CredentialState> states, KeyValueStore<String, Entitlement> inventory,
            KeyValueStore<Bytes, byte[]> index) {
        this.states = states;
        this.inventory = inventory;
        this.index = index;
    }

    @Override
    public CredentialState state(String credentialId) {
        CredentialState s = stateCache.get(credentialId);
        if (s == null) {
            s = states.get(credentialId);
            if (s != null && missedBefore(credentialId, 0)) {
                stateCache.put(credentialId, s);
            }
        }
        return s;
    }

    @Override
    public void putState(CredentialState state) {
        states.put(state.getCredentialId(), state);
        stateCache.replace(state.getCredentialId(), state); // cached only if admitted on a read
    }

    @Override
    public Entitlement entitlement(String credentialId) {
        KeptEntitlement k = inventoryCache.get(credentialId);
        if (k != null) {
            return k.entitlement();
        }
        Entitlement e = inventory.get(credentialId);
        if (e != null && missedBefore(credentialId, 1)) {
            inventoryCache.put(credentialId, new KeptEntitlement(e));
        }
        return e;
    }

    @Override
    public void putEntitlement(Entitlement entitlement) {
        inventory.put(entitlement.getCredentialId(), entitlement);
        inventoryCache.replace(entitlement.getCredentialId(), new KeptEntitlement(entitlement));
    }

    @Override
    public CompiledEntitlement compiled(Entitlement ent, Function<Entitlement, CompiledEntitlement> compile) {
        KeptEntitlement k = inventoryCache.get(ent.getCredentialId());
        return k != null && k.entitlement() == ent ? k.compiled(compile) : compile.apply(ent);
    }

    /** True when {@code id} (of cache {@code which}) missed recently before; records this miss either way. */
    private boolean missedBefore(String id, int which) {
        long h = (id.hashCode() * 2L + which + 1) * 0x9E3779B97F4A7C15L;
        int slot = (int) (h >>> 48);
        if (recentMisses[slot] == h) {
            return true;
        }
        recentMisses[slot] = h;
        return false;
    }

    /**
     * At most {@link #OBJECT_CACHE_ENTRIES} objects, second-chance eviction ({@link WeightedCache}: marking an entry
     * used is one primitive write, where an access-ordered {@code LinkedHashMap} relinks long-lived nodes on every
     * read and G1's refinement threads pay for each of those writes); what goes out is still in the store.
     */
    private static <V> java.util.Map<String, V> objectCache() {
        return new WeightedCache<V>(OBJECT_CACHE_ENTRIES, v -> 1, (id, v) -> { });
    }

    @Override
    public void putDue(long due, byte kind, String credentialId) {
        index.put(key(due, kind, credentialId), MARKER);
    }

    @Override
    public void deleteDue(long due, byte kind, String credentialId) {
        index.delete(key(due, kind, credentialId));
    }

    @Override
    public List<DueEntry> dueUpTo(long threshold, int max) {
        List<DueEntry> out = new ArrayList<>();
        Bytes toInclusive = threshold == Long.MAX_VALUE
                ? null
                : Bytes.wrap(ByteBuffer.allocate(8).putLong((threshold + 1) ^ Long.MIN_VALUE).array());
        try (KeyValueIterator<Bytes, byte[]> it = index.range(null, toInclusive)) {
            while (it.hasNext() && out.size() < max) {
                KeyValue<Bytes, byte[]> kv = it.next();
                DueEntry e = decode(kv.key.get());
                if (e.due() > threshold) {
                    break;
                }
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public Long earliestDue() {
        try (KeyValueIterator<Bytes, byte[]> it = index.all()) {
            return it.hasNext() ? decode(it.next().key.get()).due() : null;
        }
    }

    static Bytes key(long due, byte kind, String credentialId) {
        byte[] id = credentialId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(9 + id.length).putLong(due ^ Long.MIN_VALUE).put(kind).put(id).array());
    }

    static DueEntry decode(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        long due = b.getLong() ^ Long.MIN_VALUE;
        byte kind = b.get();
        return new DueEntry(due, kind, new String(key, 9, key.length - 9, StandardCharsets.UTF_8));
    }
}
