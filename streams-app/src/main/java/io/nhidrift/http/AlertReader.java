package io.nhidrift.http;

import io.nhidrift.topology.Names;
import io.nhidrift.triage.AlertFilter;
import io.nhidrift.triage.AlertPage;
import io.nhidrift.triage.AlertPosition;
import io.nhidrift.triage.AlertRecord;
import io.nhidrift.triage.AlertScan;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's part of the alert store (active tasks only): one alert by id — a key lookup in each local
 * partition, no scan — or a newest-first page, a bounded reverse range per local partition merged into one page.
 */
final class AlertReader {

    private final KafkaStreams streams;
    private final String eventsTopic;

    AlertReader(KafkaStreams streams, String eventsTopic) {
        this.streams = streams;
        this.eventsTopic = eventsTopic;
    }

    /** The alert, if one of this instance's partitions holds it. */
    AlertRecord find(String alertId) {
        try {
            return localPartitions().isEmpty() ? null : AlertScan.find(store(null), alertId);
        } catch (InvalidStateStoreException e) {
            throw new CredentialStateReader.NotQueryable("alert store is migrating: " + e.getMessage(), e);
        }
    }

    AlertPage<AlertRecord> page(AlertFilter filter, AlertPosition after, int limit) {
        List<AlertPage<AlertRecord>> parts = new ArrayList<>();
        try {
            for (int partition : localPartitions()) {
                parts.add(AlertScan.newestFirst(store(partition), filter, after, limit, AlertScan.DEFAULT_BUDGET));
            }
        } catch (InvalidStateStoreException e) {
            throw new CredentialStateReader.NotQueryable("alert store is migrating: " + e.getMessage(), e);
        }
        return AlertPage.merge(parts, limit, AlertPosition::of);
    }

    /** Partitions of the detect task (numbered as the events topic) active on this instance. */
    private TreeSet<Integer> localPartitions() {
        TreeSet<Integer> out = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(eventsTopic)) {
                        out.add(tp.partition());
                    }
                }
            }
        }
        return out;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> params =
                StoreQueryParameters.fromNameAndType(Names.ALERT_STORE, QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            params = params.withPartition(partition);
        }
        try {
            return streams.store(params);
        } catch (InvalidStateStoreException e) {
            throw new CredentialStateReader.NotQueryable("store '" + Names.ALERT_STORE + "' is not queryable here now: "
                    + e.getMessage(), e);
        }
    }
}
