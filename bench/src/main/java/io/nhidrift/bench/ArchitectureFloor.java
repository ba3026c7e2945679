package io.nhidrift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.StreamsProperties;
import io.nhidrift.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What the architecture itself costs, with none of nhi-drift's code: a minimal Kafka Streams application
 * of the same shape and settings as the pipeline (exactly-once v2, same threads, cache, RocksDB and
 * producer settings) that parses each raw record with Jackson {@code readTree}, re-keys it by its access
 * key id through a repartition topic, and counts uses per credential in a cached, changelogged RocksDB
 * store. It is the floor against which the pipeline's own cost is read: pipeline / floor is how much the
 * detection adds; floor / limit is what a parse-repartition-state pipeline under exactly-once can reach here.
 */
final class ArchitectureFloor {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STORE = "floor-count-store";

    private ArchitectureFloor() {}

    /** Events per second of the floor application over the raw records between {@code from} and {@code to}. */
    static Measured eventsPerSecond(BenchCluster cluster, AppConfig cfg, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to, long timeoutMs) throws Exception {
        String raw = cfg.topics().rawByFormat().get("cloudtrail");
        String app = cfg.applicationId() + "-floor-" + System.nanoTime() % 1_000_000;
        String keyed = app + ".keyed";
        cluster.admin.createTopics(java.util.List.of(new NewTopic(keyed, BenchCluster.PARTITIONS,
                (short) Math.max(1, cfg.topicReplication())))).all().get();
        Properties p = StreamsProperties.of(cfg);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir() + "-floor");
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:1");
        long events = BenchCluster.sum(to) - BenchCluster.sum(from);
        // the floor's group starts at the measured range: its offsets are committed before it first joins
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        from.forEach((tp, offset) -> start.put(tp, new OffsetAndMetadata(offset)));
        cluster.admin.alterConsumerGroupOffsets(app, start).all().get();
        KafkaStreams streams = new KafkaStreams(topology(raw, keyed), p);
        try {
            streams.start();
            BenchCluster.await(() -> streams.state() == KafkaStreams.State.RUNNING, timeoutMs, "floor RUNNING");
            // timed like the pipeline: from the first record processed after RUNNING, counting what is processed since
            double atRunning = BenchCluster.processed(streams);
            BenchCluster.await(() -> BenchCluster.processed(streams) > atRunning || atRunning >= 2.0 * events, timeoutMs,
                    "floor first record");
            long begin = System.nanoTime();
            CpuAccount cpu = CpuAccount.available() ? CpuAccount.begin() : null;
            Disturbance dist = Disturbance.begin();
            double before = BenchCluster.processed(streams);
            BenchCluster.await(() -> BenchCluster.processed(streams) >= 2.0 * events, timeoutMs, "floor processed");
            long timed = Math.max(1, Math.round((2.0 * events - before) / 2));
            double eps = timed / ((System.nanoTime() - begin) / 1e9);
            return new Measured(eps, timed, cpu == null ? null : cpu.end(), dist.end());
        } finally {
            streams.close(java.time.Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    static Topology topology(String raw, String keyed) {
        Topology t = new Topology();
        t.addSource("floor-source-raw", new ByteArrayDeserializer(), new ByteArrayDeserializer(), raw);
        t.addProcessor("floor-parse", Parse::new, "floor-source-raw");
        t.addSink("floor-sink-keyed", keyed, new StringSerializer(), new ByteArraySerializer(), "floor-parse");
        t.addSource("floor-source-keyed", new StringDeserializer(), new ByteArrayDeserializer(), keyed);
        t.addProcessor("floor-count", Count::new, "floor-source-keyed");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled(), "floor-count");
        return t;
    }

    /** Parses the record and forwards its event name keyed by access key id. */
    private static final class Parse implements Processor<byte[], byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            try {
                JsonNode n = MAPPER.readTree(record.value());
                String key = n.path("userIdentity").path("accessKeyId").asText("unknown");
                context.forward(record.withKey(key).withValue(n.path("eventName").asText("").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Counts uses per key in the store. */
    private static final class Count implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Long c = store.get(record.key());
            store.put(record.key(), c == null ? 1L : c + 1);
        }
    }
}
