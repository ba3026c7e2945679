package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.topology.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
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
 * by risk, last use or unused share, the order is not the key order and there is no secondary index, so each
 * partition is scanned whole for every page, keeping only the best {@code limit} rows (memory O(limit), time
 * O(credentials of the partition)). The fleet summary is an aggregate over every credential: a full scan too.
 */
final class LocalCredentials {

    /** Keys examined per partition for one id-ordered page before the page is cut short. */
    static final int SCAN_BUDGET = 10_000;

    private final KafkaStreams streams;
    private final CredentialStateReader reader;
    private final CredentialReview review;
    private final HostInfo self;
    private final String eventsTopic;

    LocalCredentials(KafkaStreams streams, CredentialStateReader reader, CredentialReview review, HostInfo self,
            String eventsTopic) {
        this.streams = streams;
        this.reader = reader;
        this.review = review;
        this.self = self;
        this.eventsTopic = eventsTopic;
    }

    /** The partitions of the credential stores this instance is the active owner of. */
    List<Integer> partitions() {
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
        for (int p : partitions()) {
            pages.add(q.sort() == ListSort.ID ? rangePage(p, q) : sortedPage(p, q));
        }
        return Page.merge(pages, q.limit(), q.sort(), q.order());
    }

    /** Every local credential folded into a summary. */
    FleetSummary summary() {
        FleetSummary s = new FleetSummary();
        for (int p : partitions()) {
            try (KeyValueIterator<String, CredentialState> it = reader.range(p, null, false)) {
                while (it.hasNext()) {
                    s.add(row(p, it.next()));
                }
            } catch (InvalidStateStoreException e) {
                throw new CredentialStateReader.NotQueryable("partition " + p + " is migrating: " + e.getMessage(), e);
            }
        }
        return s;
    }

    private Page rangePage(int p, ListQuery q) {
        String from = q.after() == null ? null : q.after().id();
        List<CredentialRow> rows = new ArrayList<>();
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
                    rows.add(r);
                    if (rows.size() == q.limit()) {
                        return new Page(rows, q.sort().position(r));
                    }
                }
                if (examined >= SCAN_BUDGET) {
                    return new Page(rows, new Position(null, kv.key));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new CredentialStateReader.NotQueryable("partition " + p + " is migrating: " + e.getMessage(), e);
        }
        return new Page(rows, null);
    }

    private Page sortedPage(int p, ListQuery q) {
        Comparator<CredentialRow> order = Comparator.comparing(q.sort()::position, q.order());
        PriorityQueue<CredentialRow> best = new PriorityQueue<>(order.reversed()); // the worst kept row on top
        boolean more = false;
        try (KeyValueIterator<String, CredentialState> it = reader.range(p, null, false)) {
            while (it.hasNext()) {
                CredentialRow r = row(p, it.next());
                if (q.matches(r) && q.afterCursor(r)) {
                    best.add(r);
                    if (best.size() > q.limit()) {
                        best.poll();
                        more = true;
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new CredentialStateReader.NotQueryable("partition " + p + " is migrating: " + e.getMessage(), e);
        }
        List<CredentialRow> rows = new ArrayList<>(best);
        rows.sort(order);
        return new Page(rows, more ? q.sort().position(rows.get(rows.size() - 1)) : null);
    }

    private CredentialRow row(int p, KeyValue<String, CredentialState> kv) {
        return CredentialRow.of(review.review(new CredentialStateReader.Snapshot(kv.key, kv.value, reader.entitlement(p, kv.key))));
    }
}
