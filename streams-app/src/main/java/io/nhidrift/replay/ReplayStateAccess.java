package io.nhidrift.replay;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.cache.WeightedCache;
import io.nhidrift.detect.KeptEntitlement;
import io.nhidrift.detect.StateAccess;
import io.nhidrift.inventory.CompiledEntitlement;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * The engine's state in a replay, bounded whatever the number of credentials: recently used credential states and
 * entitlements (with their compiled forms, {@link KeptEntitlement}) live as objects in two caches bounded by their estimated heap ({@link WeightedCache}, second-chance
 * eviction; {@link HeapWeight}: 7/8 of {@code cacheBytes} for states, 1/8 for entitlements); an object pushed out is
 * written (Avro binary) to a RocksDB database in a temporary directory and read back on its next use. The time
 * index lives in the same database (prefix {@code i}), with the key layout of the topology's time-index store
 * (big-endian due time with the sign bit flipped, kind, credential id), so a sweep reads only what is due.
 * Single-threaded; {@link #close} releases the database (the caller deletes the directory).
 */
final class ReplayStateAccess implements StateAccess, Closeable {

    private static final byte STATE = 's';
    private static final byte ENTITLEMENT = 'e';
    private static final byte INDEX = 'i';
    private static final byte[] MARKER = {1};

    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final WriteOptions writes;
    private final RocksDB db;
    private final AvroBinary<CredentialState> stateCodec = new AvroBinary<>(CredentialState.class);
    private final AvroBinary<Entitlement> entitlementCodec = new AvroBinary<>(Entitlement.class);
    private final Map<String, CredentialState> states;
    /** Entitlements with their compiled forms once asked for ({@link #compiled}). */
    private final Map<String, KeptEntitlement> entitlements;
    /**
     * No index entry is due before this time. Swept entries are deleted in time order and leave tombstones at the
     * front of the index; seeking from here instead of the start of the index skips them (RocksDB's queue pattern).
     */
    private long floor = Long.MIN_VALUE;

    /** A state database in {@code dir} whose object caches hold about {@code cacheBytes} of heap. */
    ReplayStateAccess(Path dir, long cacheBytes) {
        this.options = new Options().setCreateIfMissing(true).setWriteBufferSize(16L << 20).setMaxOpenFiles(256);
        this.writes = new WriteOptions().setDisableWAL(true);
        try {
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open the replay state in " + dir + ": " + e.getMessage(), e);
        }
        this.states = cache(cacheBytes - cacheBytes / 8, STATE, stateCodec, HeapWeight::of);
        this.entitlements = new WeightedCache<>(cacheBytes / 8, k -> HeapWeight.of(k.entitlement()),
                (id, k) -> store(key(ENTITLEMENT, id), entitlementCodec.encode(k.entitlement())));
    }

    @Override
    public CredentialState state(String credentialId) {
        CredentialState s = states.get(credentialId);
        if (s == null) {
            byte[] b = get(key(STATE, credentialId));
            if (b != null) {
                s = stateCodec.decode(b);
                states.put(credentialId, s);
            }
        }
        return s;
    }

    @Override
    public void putState(CredentialState state) {
        states.put(state.getCredentialId(), state);
    }

    @Override
    public Entitlement entitlement(String credentialId) {
        KeptEntitlement k = entitlements.get(credentialId);
        if (k == null) {
            byte[] b = get(key(ENTITLEMENT, credentialId));
            if (b == null) {
                return null;
            }
            k = new KeptEntitlement(entitlementCodec.decode(b));
            entitlements.put(credentialId, k);
        }
        return k.entitlement();
    }

    @Override
    public void putEntitlement(Entitlement entitlement) {
        entitlements.put(entitlement.getCredentialId(), new KeptEntitlement(entitlement));
    }

    @Override
    public CompiledEntitlement compiled(Entitlement ent, Function<Entitlement, CompiledEntitlement> compile) {
        KeptEntitlement k = entitlements.get(ent.getCredentialId());
        return k != null && k.entitlement() == ent ? k.compiled(compile) : compile.apply(ent);
    }

    @Override
    public void putDue(long due, byte kind, String credentialId) {
        floor = Math.min(floor, due);
        store(indexKey(due, kind, credentialId), MARKER);
    }

    @Override
    public void deleteDue(long due, byte kind, String credentialId) {
        try {
            db.delete(writes, indexKey(due, kind, credentialId));
        } catch (RocksDBException e) {
            throw new IllegalStateException("replay state: " + e.getMessage(), e);
        }
    }

    @Override
    public List<DueEntry> dueUpTo(long threshold, int max) {
        List<DueEntry> out = new ArrayList<>();
        try (ReadOptions ro = new ReadOptions(); Slice upper = new Slice(new byte[] {INDEX + 1})) {
            ro.setIterateUpperBound(upper);
            try (RocksIterator it = db.newIterator(ro)) {
                for (it.seek(floorKey()); it.isValid() && out.size() < max; it.next()) {
                    DueEntry e = decode(it.key());
                    if (out.isEmpty()) {
                        floor = e.due();
                    }
                    if (e.due() > threshold) {
                        break;
                    }
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public Long earliestDue() {
        try (ReadOptions ro = new ReadOptions(); Slice upper = new Slice(new byte[] {INDEX + 1})) {
            ro.setIterateUpperBound(upper);
            try (RocksIterator it = db.newIterator(ro)) {
                it.seek(floorKey());
                if (!it.isValid()) {
                    return null;
                }
                floor = decode(it.key()).due();
                return floor;
            }
        }
    }

    @Override
    public void close() {
        db.close();
        writes.close();
        options.close();
    }

    private byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException("replay state: " + e.getMessage(), e);
        }
    }

    private void store(byte[] key, byte[] value) {
        try {
            db.put(writes, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException("replay state: " + e.getMessage(), e);
        }
    }

    /**
     * A cache bounded by the estimated heap of its objects ({@link HeapWeight}, re-estimated on every put): past
     * {@code budgetBytes} it writes objects not used lately to the database (but keeps the one being used).
     */
    private <V extends SpecificRecord> Map<String, V> cache(long budgetBytes, byte prefix, AvroBinary<V> codec,
            ToLongFunction<V> weigher) {
        return new WeightedCache<>(budgetBytes, weigher, (id, v) -> store(key(prefix, id), codec.encode(v)));
    }

    private static byte[] key(byte prefix, String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[b.length + 1];
        k[0] = prefix;
        System.arraycopy(b, 0, k, 1, b.length);
        return k;
    }

    private byte[] floorKey() {
        return floor == Long.MIN_VALUE ? new byte[] {INDEX} : ByteBuffer.allocate(9).put(INDEX).putLong(floor ^ Long.MIN_VALUE).array();
    }

    static byte[] indexKey(long due, byte kind, String credentialId) {
        byte[] id = credentialId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(10 + id.length).put(INDEX).putLong(due ^ Long.MIN_VALUE).put(kind).put(id).array();
    }

    static DueEntry decode(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        b.get();
        long due = b.getLong() ^ Long.MIN_VALUE;
        byte kind = b.get();
        return new DueEntry(due, kind, new String(key, 10, key.length - 10, StandardCharsets.UTF_8));
    }
}
