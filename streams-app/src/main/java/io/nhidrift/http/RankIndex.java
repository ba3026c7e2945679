package io.nhidrift.http;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rank indexes ({@link PartitionRanks}) of the partitions this instance actively owns: what makes a sorted list
 * page and the fleet summary cost no scan of the store. An index is built by one scan of its partition and reused by
 * every sorted page and every summary until it is older than {@code query.rank.refresh} (default 30 s):
 * <ul>
 *   <li>no cost when nobody asks: the first sorted-list or summary request for a partition builds its index on the
 *       request's thread;</li>
 *   <li>later requests never wait for a scan: an index older than the refresh interval is still served, and ONE
 *       rebuild is queued on a single daemon thread (at most one per partition at a time); when it is done it replaces
 *       the old index. A rebuild that fails (the store is migrating) keeps the old index; the next request retries;</li>
 *   <li>an index is dropped as soon as a request finds its partition no longer active here (a rebalance moved it,
 *       {@link #retain}), and rebuilt on demand if the partition comes back;</li>
 *   <li>memory: per credential one {@link RankEntry} (64 bytes) and six array slots (24 bytes), about 88 bytes, plus
 *       its id string (about 40 bytes + its length); a distinct owner, team, kind or source list is kept once per
 *       partition. 100 000 credentials on an instance: about 15 MB. During a rebuild the old and the new index of that
 *       partition coexist. No hard cap.</li>
 * </ul>
 * Values in an index are as of its build ({@code rankedAt} in the answers); the rows of a page are read fresh.
 */
final class RankIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RankIndex.class);

    private final IntFunction<PartitionRanks> scan;
    private final long refreshMs;
    private final LongSupplier clock;
    private final ExecutorService rebuilds;
    private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param scan builds a partition's index by one scan (may throw {@link CredentialStateReader.NotQueryable})
     * @param clock the wall clock (epoch ms) the age of an index is measured with
     * @param rebuilds where background rebuilds run; closed with this index
     */
    RankIndex(IntFunction<PartitionRanks> scan, Duration refresh, LongSupplier clock, ExecutorService rebuilds) {
        this.scan = scan;
        this.refreshMs = refresh.toMillis();
        this.clock = clock;
        this.rebuilds = rebuilds;
    }

    /** The production index: wall clock, one daemon thread for rebuilds. */
    static RankIndex start(IntFunction<PartitionRanks> scan, Duration refresh) {
        return new RankIndex(scan, refresh, System::currentTimeMillis, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nhi-drift-rank-index");
            t.setDaemon(true);
            return t;
        }));
    }

    /** The partition's index: built now if there is none, else the current one (queuing a rebuild if it is stale). */
    PartitionRanks ranks(int partition) {
        return slots.computeIfAbsent(partition, p -> new Slot(p)).current();
    }

    /** Drops the indexes of partitions not in {@code active} (no longer owned here). */
    void retain(Collection<Integer> active) {
        slots.keySet().removeIf(p -> !active.contains(p));
    }

    /** The partitions indexed now. */
    Set<Integer> indexed() {
        return Set.copyOf(slots.keySet());
    }

    @Override
    public void close() {
        rebuilds.shutdownNow();
        slots.clear();
    }

    /** One partition's index and whether a rebuild of it is queued or running. */
    private final class Slot {
        private final int partition;
        private volatile PartitionRanks ranks;
        private final AtomicBoolean rebuilding = new AtomicBoolean();

        Slot(int partition) {
            this.partition = partition;
        }

        PartitionRanks current() {
            PartitionRanks r = ranks;
            if (r == null) {
                synchronized (this) { // the first request builds; concurrent first requests wait for that one scan
                    if (ranks == null) {
                        ranks = scan.apply(partition);
                    }
                    return ranks;
                }
            }
            if (clock.getAsLong() - r.builtAt() >= refreshMs && rebuilding.compareAndSet(false, true)) {
                try {
                    rebuilds.execute(this::rebuild);
                } catch (RejectedExecutionException closed) {
                    rebuilding.set(false);
                }
            }
            return r;
        }

        private void rebuild() {
            try {
                PartitionRanks fresh = scan.apply(partition);
                if (slots.get(partition) == this) { // not dropped meanwhile
                    ranks = fresh;
                }
            } catch (RuntimeException e) {
                LOG.info("Query API: rank index of partition {} not rebuilt now, the old one stays: {}", partition, e.toString());
            } finally {
                rebuilding.set(false);
            }
        }
    }
}
