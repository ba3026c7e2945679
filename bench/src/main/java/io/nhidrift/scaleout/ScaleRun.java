package io.nhidrift.scaleout;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.nhidrift.scaleout.ScaleInput.InventoryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One application (its own {@code application.id} and topics {@code <name>.…}) on a shared broker, fed with a
 * {@link ScaleInput}: the settings every instance of it gets, the input producer, and what it committed.
 *
 * <p>Input is produced without transactions (an idempotent producer, as a log shipper writes), one raw partition per
 * format. The service runs with {@code detect.punctuate.interval=1d}, so the input alone decides every alert (the
 * wall-clock punctuation would place an {@code IDLE_CREDENTIAL} by when it fires), and a 6 s session timeout, so that a
 * killed instance's partitions move after 6 s rather than 45 s.
 */
public final class ScaleRun implements AutoCloseable {

    private final String bootstrap;
    private final String name;
    private final String applicationId;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> alertReader;
    private final List<ConsumerRecord<byte[], byte[]>> alerts = new ArrayList<>();

    public ScaleRun(String bootstrap, String name) {
        this.bootstrap = bootstrap;
        this.name = name;
        this.applicationId = "nhi-scale-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(a);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        List<NewTopic> raw = ScaleInput.FORMATS.stream().map(f -> new NewTopic(topic("raw." + f), 1, (short) 1)).toList();
        get(admin.createTopics(raw).all(), "create the raw topics");
    }

    public String applicationId() {
        return applicationId;
    }

    /** The configuration of every instance (plus {@code state.dir} and the port, which differ per instance). */
    public Map<String, String> settings(int standbyReplicas) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", bootstrap);
        s.put("application.id", applicationId);
        s.put("inputs", ScaleInput.inputs());
        s.put("http.host", "127.0.0.1");
        s.put("http.advertised.host", "127.0.0.1");
        s.put("topics.partitions", Integer.toString(ScaleInput.PARTITIONS));
        s.put("topics.replication.factor", "1");
        s.put("topic.raw.prefix", name + ".raw.");
        for (String t : List.of("inventory", "events", "alerts", "alerts.json", "dead-letters")) {
            s.put("topic." + t, topic(t));
        }
        s.put("detect.punctuate.interval", "1d");
        s.put("commit.interval", "100ms");
        s.put("kafka.session.timeout.ms", "6000");
        s.put("kafka.heartbeat.interval.ms", "1500");
        s.put("kafka.num.standby.replicas", Integer.toString(standbyReplicas));
        return s;
    }

    public String topic(String suffix) {
        return name + "." + suffix;
    }

    /** Produces the inventory and waits until the application has consumed and committed all of it. */
    public void produceInventoryAndAwait(ScaleInput input, Duration max) {
        for (InventoryRecord r : input.inventory()) {
            producer.send(new ProducerRecord<>(topic("inventory"), null, r.asOf(), r.credentialId().getBytes(UTF_8), r.json()));
        }
        producer.flush();
        awaitCommittedToEnd(List.of(topic("inventory")), max);
    }

    /** Produces the raw records of every format, {@code from} (inclusive) to {@code to} (exclusive) as fractions of each. */
    public int produceRaw(ScaleInput input, double from, double to) {
        int sent = 0;
        for (var e : input.raw().entrySet()) {
            List<byte[]> records = e.getValue();
            int a = (int) Math.round(records.size() * from);
            int b = to >= 1.0 ? records.size() : (int) Math.round(records.size() * to);
            for (byte[] raw : records.subList(a, b)) {
                producer.send(new ProducerRecord<>(topic("raw." + e.getKey()), null, raw));
                sent++;
            }
        }
        producer.flush();
        return sent;
    }

    /** Waits until the application's committed offsets reach the end of every partition of {@code topics}. */
    public void awaitCommittedToEnd(List<String> topics, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Map<TopicPartition, Long> behind = Map.of();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (var d : get(admin.describeTopics(topics).allTopicNames(), "describe").values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            var end = get(admin.listOffsets(latest).all(), "list offsets");
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata(), "committed offsets");
            behind = new LinkedHashMap<>();
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long endOffset = end.get(tp).offset();
                if (endOffset > 0 && (c == null || c.offset() < endOffset)) {
                    behind.put(tp, endOffset - (c == null ? 0 : c.offset()));
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            QueryProbe.pause(100);
        }
        throw new IllegalStateException(name + ": not consumed within " + max + ", behind: " + behind);
    }

    /** Alerts committed so far (read_committed, from the beginning). */
    public synchronized List<ConsumerRecord<byte[], byte[]>> pollAlerts() {
        if (alertReader == null) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            alertReader = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = alertReader.partitionsFor(topic("alerts.json"), Duration.ofSeconds(60)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            alertReader.assign(parts);
            alertReader.seekToBeginning(parts);
        }
        alertReader.poll(Duration.ofMillis(200)).forEach(alerts::add);
        return alerts;
    }

    /** Waits until every marker's alert is committed (every partition processed all input), then returns all alerts. */
    public AlertTally awaitMarkers(ScaleInput input, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Set<String> seen = new HashSet<>();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : pollAlerts()) {
                seen.add(new String(r.key(), UTF_8));
            }
            if (seen.containsAll(input.markers())) {
                return AlertTally.of(drainAlerts(deadline));
            }
        }
        Set<String> missing = new HashSet<>(input.markers());
        missing.removeAll(seen);
        throw new IllegalStateException(name + ": markers " + missing + " have no committed alert within " + max);
    }

    /** Reads the alert topic up to its last stable offset as of now (everything committed so far). */
    private synchronized List<ConsumerRecord<byte[], byte[]>> drainAlerts(long deadlineNanos) {
        var end = alertReader.endOffsets(alertReader.assignment(), Duration.ofSeconds(60));
        while (end.entrySet().stream().anyMatch(e -> alertReader.position(e.getKey(), Duration.ofSeconds(60)) < e.getValue())) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException(name + ": alerts not readable up to " + end);
            }
            alertReader.poll(Duration.ofMillis(200)).forEach(alerts::add);
        }
        return List.copyOf(alerts);
    }

    @Override
    public void close() {
        if (alertReader != null) {
            alertReader.close(Duration.ofSeconds(5));
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f, String what) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
