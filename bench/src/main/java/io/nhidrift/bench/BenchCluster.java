package io.nhidrift.bench;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

/** The broker the bench runs against, and the pipeline configuration it measures. */
final class BenchCluster implements AutoCloseable {

    /** Partitions of every bench topic, and stream threads of the measured instance (2 cores shared with the broker). */
    static final int PARTITIONS = 2;
    static final int STREAM_THREADS = 2;

    final String bootstrap;
    final boolean embedded;
    final Admin admin;
    private final Path workDir;
    private int seq;

    BenchCluster(String bootstrap, boolean embedded, Path workDir) {
        this.bootstrap = bootstrap;
        this.embedded = embedded;
        this.workDir = workDir;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
    }

    /** A fresh pipeline configuration with its own topics, application id and state directory. */
    AppConfig newConfig(String name) {
        String tag = "bench-" + name + "-" + System.currentTimeMillis() % 1_000_000 + "-" + (++seq);
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ConfigKey.BOOTSTRAP_SERVERS.key(), bootstrap);
        m.put(ConfigKey.APPLICATION_ID.key(), tag);
        m.put(ConfigKey.STATE_DIR.key(), workDir.resolve(tag).toString());
        m.put(ConfigKey.HTTP_PORT.key(), "0");
        m.put(ConfigKey.HTTP_HOST.key(), "127.0.0.1");
        m.put(ConfigKey.TOPIC_PARTITIONS.key(), Integer.toString(PARTITIONS));
        m.put(ConfigKey.STREAM_THREADS.key(), Integer.toString(STREAM_THREADS));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.set."))
                .forEach(k -> m.put(k.substring("bench.set.".length()), System.getProperty(k)));
        if (embedded) {
            m.put(ConfigKey.TOPIC_REPLICATION.key(), "1");
        }
        m.put("topic.raw.cloudtrail", tag + ".raw.cloudtrail");
        m.put(ConfigKey.TOPIC_EVENTS.key(), tag + ".events");
        m.put(ConfigKey.TOPIC_INVENTORY.key(), tag + ".inventory");
        m.put(ConfigKey.TOPIC_ALERTS.key(), tag + ".alerts");
        m.put(ConfigKey.TOPIC_ALERTS_JSON.key(), tag + ".alerts.json");
        m.put(ConfigKey.TOPIC_DEAD_LETTERS.key(), tag + ".dead-letters");
        return AppConfig.from(m);
    }

    /** Creates the configuration's topics (the service would too; the bench produces before it starts). */
    void createTopics(AppConfig config) {
        try (Admin a = adminFor()) {
            io.nhidrift.app.TopicCreator.ensureTopics(a, config);
            // a freshly created partition may still answer NOT_LEADER; wait until every one has a leader
            List<String> names = new java.util.ArrayList<>(config.topics().rawByFormat().values());
            names.add(config.topics().inventory());
            names.add(config.topics().events());
            await(() -> {
                try {
                    return a.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                            .allMatch(d -> d.partitions().stream().allMatch(pi -> pi.leader() != null));
                } catch (Exception e) {
                    return false;
                }
            }, 30_000, "topic leaders");
            sleep(500);
        }
    }

    private Admin adminFor() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    KafkaProducer<byte[], byte[]> producer(int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces the inventory of {@code credentials} (keyed by credentialId, timestamp = asOf). */
    void produceInventory(AppConfig config, int credentials, long createdAt, long asOf) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(20)) {
            for (int i = 0; i < credentials; i++) {
                p.send(new ProducerRecord<>(config.topics().inventory(), null, asOf,
                        LoadGenerator.credentialId(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        LoadGenerator.inventory(i, createdAt, asOf)));
            }
            p.flush();
        }
    }

    /** Produces n raw records with event times from {@code from}, {@code stepMs} apart; returns their total bytes. */
    long produceRaw(AppConfig config, LoadGenerator gen, int n, long from, double stepMs) throws Exception {
        long bytes = 0;
        String topic = config.topics().rawByFormat().get("cloudtrail");
        java.util.Queue<ProducerRecord<byte[], byte[]>> failed = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicReference<Exception> why = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = producer(20)) {
            for (int k = 0; k < n; k++) {
                var call = gen.next(from + (long) (k * stepMs));
                byte[] v = gen.render(call);
                bytes += v.length;
                sendOrRemember(p, new ProducerRecord<>(topic, gen.key(call), v), failed, why);
            }
            p.flush();
            // a send can fail on the embedded broker right after topic creation (NOT_LEADER_OR_FOLLOWER, then
            // OutOfOrderSequenceException): send those again rather than leave the run waiting for records that never came
            for (int attempt = 1; !failed.isEmpty() && attempt <= 5; attempt++) {
                List<ProducerRecord<byte[], byte[]>> again = new ArrayList<>(failed);
                failed.clear();
                Throughput.log("re-sending %,d raw records that failed (%s), attempt %d", again.size(), why.get(), attempt);
                again.forEach(r -> sendOrRemember(p, r, failed, why));
                p.flush();
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " raw records could not be produced: " + why.get(), why.get());
        }
        return bytes;
    }

    private static void sendOrRemember(KafkaProducer<byte[], byte[]> p, ProducerRecord<byte[], byte[]> r,
            java.util.Queue<ProducerRecord<byte[], byte[]>> failed, java.util.concurrent.atomic.AtomicReference<Exception> why) {
        p.send(r, (md, e) -> {
            if (e != null) {
                why.compareAndSet(null, e);
                failed.add(r);
            }
        });
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    Map<TopicPartition, Long> startOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.earliest());
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        d.partitions().forEach(pi -> req.put(new TopicPartition(topic, pi.partition()), spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(req).all().get(30, TimeUnit.SECONDS).forEach((tp, r) -> out.put(tp, r.offset()));
        return out;
    }

    Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        m.forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o.offset());
            }
        });
        return out;
    }

    /** True when the group has committed up to the end of every partition of the topic. */
    boolean caughtUp(String group, String topic) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic);
        Map<TopicPartition, Long> c = committed(group);
        for (var e : end.entrySet()) {
            if (c.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    static long sum(Map<TopicPartition, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records processed by the instance's stream threads (thread-level process-total). */
    static double processed(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals("process-total") && e.getKey().group().equals("stream-thread-metrics")) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number n) {
                    total += n.doubleValue();
                }
            }
        }
        return total;
    }

    /** Largest value of a RocksDB property metric over all stores (bytes): for a cache shared by every store. */
    static double rocksMetricMax(KafkaStreams streams, String name) {
        double max = 0;
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().group().equals("stream-state-metrics")
                    && e.getValue().metricValue() instanceof Number n) {
                max = Math.max(max, n.doubleValue());
            }
        }
        return max;
    }

    /** Sum of a RocksDB property metric over all stores (bytes). */
    static double rocksMetric(KafkaStreams streams, String name) {
        double total = 0;
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().group().equals("stream-state-metrics")) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number n) {
                    total += n.doubleValue();
                }
            }
        }
        return total;
    }

    static NhiDriftService startAndAwaitRunning(AppConfig config, long timeoutMs) {
        NhiDriftService s = NhiDriftService.start(config);
        await(() -> s.streams().state() == KafkaStreams.State.RUNNING, timeoutMs, "Kafka Streams RUNNING");
        return s;
    }

    /** Closes the instance leaving the group, so that the next instance of the same application id need not wait for the session timeout. */
    static void stop(NhiDriftService s) {
        s.streams().close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(java.time.Duration.ofSeconds(30)));
        s.close();
    }

    /**
     * Waits until {@code counter} reaches {@code target}; fails when it has not moved for {@code stallMs} (a run
     * waiting for records that will not come fails in minutes, with the counts, rather than at the overall timeout).
     */
    static void awaitCount(Supplier<Double> counter, double target, long stallMs, long timeoutMs, String what) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        double last = -1;
        long lastMove = System.currentTimeMillis();
        double now;
        while ((now = counter.get()) < target) {
            long t = System.currentTimeMillis();
            if (now != last) {
                last = now;
                lastMove = t;
            } else if (t - lastMove > stallMs || t > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + ": " + (long) now + " of " + (long) target
                        + (t > deadline ? "" : ", no progress for " + stallMs / 1000 + " s"));
            }
            sleep(20);
        }
    }

    static void await(Supplier<Boolean> cond, long timeoutMs, String what) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!cond.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Used heap after a full GC (bytes). */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
