package io.nhidrift.bench;

import io.nhidrift.config.AppConfig;
import io.nhidrift.topology.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the state costs per credential, for the sizing section: per store, the keys it holds (counted while the
 * pipeline runs), its RocksDB files on disk (after the pipeline stopped),
 * and its changelog topic (bytes on the broker's log dirs and records written; the embedded broker has not
 * necessarily compacted it, so the bytes of the latest value per key are estimated as keys × bytes per record).
 */
final class StateSize {

    static final List<String> STORES = List.of(Names.CREDENTIAL_STATE_STORE, Names.INVENTORY_STORE, Names.TIME_INDEX_STORE);

    /** One store's size. */
    record Store(String name, double keys, long diskBytes, long changelogBytes, long changelogRecords) {
        double diskBytesPerKey() {
            return keys <= 0 ? Double.NaN : diskBytes / keys;
        }

        double changelogBytesPerRecord() {
            return changelogRecords <= 0 ? Double.NaN : (double) changelogBytes / changelogRecords;
        }
    }

    private StateSize() {}

    /**
     * Keys per store of a running instance, counted exactly through an interactive query over the whole store (RocksDB's
     * {@code estimate-num-keys} counts every version not yet compacted away: 25,878 for 10,000 credentials); the
     * estimate where a store cannot be queried.
     */
    static Map<String, Double> keys(KafkaStreams streams) {
        Map<String, Double> out = estimatedKeys(streams);
        for (String store : STORES) {
            try {
                ReadOnlyKeyValueStore<Object, Object> kv = streams.store(StoreQueryParameters.fromNameAndType(store,
                        QueryableStoreTypes.keyValueStore()));
                long n = 0;
                try (KeyValueIterator<Object, Object> it = kv.all()) {
                    while (it.hasNext()) {
                        it.next();
                        n++;
                    }
                }
                out.put(store, (double) n);
            } catch (RuntimeException e) {
                Throughput.log("%s: not countable through a query (%s), RocksDB's estimate used", store, e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, Double> estimatedKeys(KafkaStreams streams) {
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.name().equals("estimate-num-keys") && n.group().equals("stream-state-metrics")
                    && e.getValue().metricValue() instanceof Number v) {
                String store = n.tags().getOrDefault("rocksdb-state-id", n.tags().getOrDefault("rocksdb-window-state-id", "?"));
                out.merge(store, v.doubleValue(), Double::sum);
            }
        }
        return out;
    }

    /** Sizes of the configuration's stores; {@code keys} from {@link #keys} while it ran. Call with the pipeline stopped. */
    static List<Store> measure(BenchCluster cluster, AppConfig cfg, Map<String, Double> keys) throws Exception {
        Map<String, long[]> logs = changelogs(cluster, cfg.applicationId());
        List<Store> out = new ArrayList<>();
        for (String store : STORES) {
            long[] log = logs.getOrDefault(cfg.applicationId() + "-" + store + "-changelog", new long[2]);
            out.add(new Store(store, keys.getOrDefault(store, 0.0), diskBytes(Path.of(cfg.stateDir()), store), log[0], log[1]));
        }
        return out;
    }

    /** Bytes of every file under a {@code rocksdb/<store>} directory of the state directory. */
    static long diskBytes(Path stateDir, String store) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/rocksdb/" + store + "/"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** {bytes on the brokers' log dirs, records (end − start offsets)} per changelog topic of the application. */
    private static Map<String, long[]> changelogs(BenchCluster cluster, String appId) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        List<Integer> brokers = cluster.admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
        Map<Integer, Map<String, LogDirDescription>> dirs = cluster.admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS);
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription d : byDir.values()) {
                d.replicaInfos().forEach((tp, info) -> {
                    if (tp.topic().startsWith(appId + "-") && tp.topic().endsWith("-changelog")) {
                        out.computeIfAbsent(tp.topic(), t -> new long[2])[0] += info.size();
                    }
                });
            }
        }
        for (String topic : out.keySet()) {
            var end = cluster.endOffsets(topic);
            var start = cluster.startOffsets(topic);
            out.get(topic)[1] = BenchCluster.sum(end) - BenchCluster.sum(start);
        }
        return out;
    }
}
