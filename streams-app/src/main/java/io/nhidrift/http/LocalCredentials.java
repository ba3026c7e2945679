package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.topology.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * This instance's share of the credential list and of the fleet summary: its active partitions of the
 * credential-state store, each read on its own.
 *
 * <p>Cost of a page. In id order (the default) each partition is read as a range from the cursor, in key order,
 * and stops at {@code limit} matching rows or after {@link #SCAN_BUDGET} examined keys (a selective filter then
 * answers a shorter page whose cursor resumes where the scan stopped): a bounded range read, never a full scan. Sorted
 * by risk, last use or unused share, each partition answers from its rank index ({@link RankIndex},
 * {@link PartitionRanks}): a binary search for the cursor in the index, then at most {@link #SCAN_BUDGET} index entries
 * examined in memory, and a key read (state and entitlement) for each of at most {@code limit} entries that pass the
 * filters; no range read of the store. The fleet summary merges the partitions' summaries kept with their indexes: no
 * store read at all. The one scan per partition is the index's build: on the first sorted or summary request, then in
 * the background once the index is older than {@code query.rank.refresh}. Sorted orders and the summary are therefore
 * as of the oldest index used ({@code rankedAt}); the rows themselves are read fresh.
 */
final class LocalCredentials implements AutoCloseable {

    /** Keys (id order) or index entries (other orders) examined per partition for one page before it is cut short. */
    static final int SCAN_BUDGET = 10_000;

    private final Supplier<List<Integer>> partitions;
    private final PartitionReads reader;
    private final CredentialReview review;
    private final RankIndex ranks;

    /**
     * @param partitions the partitions of the credential stores this instance is the active owner of, now
     * @param ranks builds its indexes by {@link #scan}; use {@link #start} in the service
     */
    LocalCredentials(Supplier<List<Integer>> partitions, PartitionReads reader, CredentialReview review,
            Function<LocalCredentials, RankIndex> ranks) {
        this.partitions = partitions;
        this.reader = reader;
        this.review = review;
        this.ranks = ranks.apply(this);
    }

    /** The service's: partitions from Kafka Streams metadata, indexes refreshed every {@code refresh}. */
    static LocalCredentials start(KafkaStreams streams, PartitionReads reader, CredentialReview review, HostInfo self,
            String eventsTopic, Duration refresh) {
        return new LocalCredentials(() -> activePartitions(streams, self, eventsTopic), reader, review,
                local -> RankIndex.start(local::scan, refresh));
    }

    /** The partitions of the credential stores {@code self} is the active owner of. */
    static List<Integer> activePartitions(KafkaStreams streams, HostInfo self, String eventsTopic) {
        TreeSet<Integer> out = new TreeSet<>();
        for (StreamsMetadata md : streams.streamsMetadataForStore(Names.CREDENTIAL_STATE_STORE)) {
            if (md.hostInfo().equals(self)) {
                for (TopicPartition tp : md.topicPartitions()) {
                    if (tp.topic().equals(eventsTopic)) {
                        out.add(tp.partition());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** This instance's page: the partitions' pages merged. */
    Page page(ListQuery q) {
        List<Page> pages = new ArrayList<>();
        for (int p : activePartitions()) {
            pages.add(q.sort() == ListSort.ID ? rangePage(p, q) : ranks.ranks(p).page(q, id -> freshRow(p, id)));
        }
        return Page.merge(pages, q.limit(), q.order());
    }

    /** The partitions' summaries merged (each as of its index's build). */
    FleetSummary summary() {
        FleetSummary s = new FleetSummary();
        for (int p : activePartitions()) {
            s.merge(ranks.ranks(p).summary());
        }
        return s;
    }

    @Override
    public void close() {
        ranks.close();
    }

    /** The rank indexes (for tests: which partitions are indexed). */
    RankIndex ranks() {
        return ranks;
    }

    /** The active partitions now; the indexes of partitions that left are dropped. */
    private List<Integer> activePartitions() {
        List<Integer> active = partitions.get();
        ranks.retain(active);
        return active;
    }

    /** One scan of a partition into its rank index, every credential reviewed at one instant. */
    PartitionRanks scan(int p) {
        long now = review.now();
        try (KeyValueIterator<String, CredentialState> it = reader.range(p, null, false)) {
            return PartitionRanks.of(now, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public CredentialRow next() {
                    if (!it.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    KeyValue<String, CredentialState> kv = it.next();
                    return CredentialRow.of(review.review(new CredentialStateReader.Snapshot(kv.key, kv.value,
                            reader.entitlement(p, kv.key)), now));
                }
            });
        } catch (InvalidStateStoreException e) {
            throw migrating(p, e);
        }
    }

    private Page rangePage(int p, ListQuery q) {
        String from = q.after() == null ? null : q.after().id();
        List<Page.Listed> rows = new ArrayList<>();
        int examined = 0;
        try (KeyValueIterator<String, CredentialState> it = reader.range(p, from, q.descending())) {
            while (it.hasNext()) {
                KeyValue<String, CredentialState> kv = it.next();
                if (from != null && kv.key.equals(from)) {
                    continue; // the range includes the cursor's own key
                }
                examined++;
                CredentialRow r = row(p, kv);
                if (q.matches(r)) {
                    rows.add(new Page.Listed(r, q.sort().position(r)));
                    if (rows.size() == q.limit()) {
                        return new Page(rows, q.sort().position(r));
                    }
                }
                if (examined >= SCAN_BUDGET) {
                    return new Page(rows, new Position(null, kv.key));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw migrating(p, e);
        }
        return new Page(rows, null);
    }

    /** A credential read by key and reviewed now, or null when the partition no longer holds it. */
    private CredentialRow freshRow(int p, String id) {
        try {
            CredentialStateReader.Snapshot s = reader.read(id, p);
            return s.state() == null ? null : CredentialRow.of(review.review(s)); // the list holds the state store's keys
        } catch (InvalidStateStoreException e) {
            throw migrating(p, e);
        }
    }

    private CredentialRow row(int p, KeyValue<String, CredentialState> kv) {
        return CredentialRow.of(review.review(new CredentialStateReader.Snapshot(kv.key, kv.value, reader.entitlement(p, kv.key))));
    }

    private static CredentialStateReader.NotQueryable migrating(int p, InvalidStateStoreException e) {
        return new CredentialStateReader.NotQueryable("partition " + p + " is migrating: " + e.getMessage(), e);
    }
}
