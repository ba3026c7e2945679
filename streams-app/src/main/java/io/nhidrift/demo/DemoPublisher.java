package io.nhidrift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.config.AppConfig;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the demo data to the pipeline's topics: the demo inventory, {@value DemoScenario#HISTORY_DAYS} days of
 * demo CloudTrail history (inventory versions interleaved at their place in the timeline, once the pipeline has
 * caught up) and then, unless turned off, live traffic every {@value #LIVE_INTERVAL_MS} ms until told to stop.
 */
public final class DemoPublisher implements AutoCloseable {

    static final int BATCH = 25;
    static final long LIVE_INTERVAL_MS = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AppConfig config;
    private final boolean live;
    private final BooleanSupplier running;
    private final KafkaProducer<String, byte[]> producer;

    /**
     * Creates the producer. {@code live}: keep sending traffic after the history; {@code running}: becomes false
     * when the demo stops, which ends {@link #run()} after its current send.
     */
    public DemoPublisher(AppConfig config, boolean live, BooleanSupplier running) {
        this.config = config;
        this.live = live;
        this.running = running;
        this.producer = producer(config);
    }

    /** Publishes inventory and history, then live traffic (or idles with live traffic off) while running. */
    public void run() throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        String rawTopic = config.topics().rawByFormat().get("cloudtrail");
        String inventoryTopic = config.topics().inventory();
        CloudTrailGenerator gen = new CloudTrailGenerator(42L);

        // inventory versions in asOf order; the ones later than the history's start are sent at their place in
        // the timeline, after the pipeline has caught up, so that they do not move the detector's clock ahead
        List<Inventory> inventory = new ArrayList<>();
        for (String line : DemoScenario.inventoryLines(now)) {
            JsonNode n = MAPPER.readTree(line);
            inventory.add(new Inventory(n.get("credentialId").asText(), Instant.parse(n.get("asOf").asText()).toEpochMilli(),
                    line.getBytes(StandardCharsets.UTF_8)));
        }
        inventory.sort(Comparator.comparingLong(Inventory::asOf));
        List<Call> history = DemoScenario.history(now);
        long historyStart = history.isEmpty() ? now : history.get(0).time();
        int inv = 0;
        while (inv < inventory.size() && inventory.get(inv).asOf() <= historyStart) {
            send(producer, inventoryTopic, inventory.get(inv++));
        }
        producer.flush();

        List<byte[]> batch = new ArrayList<>(BATCH);
        long batchTime = 0;
        int sent = 0;
        for (Call c : history) {
            if (!running.getAsBoolean()) {
                return;
            }
            if (inv < inventory.size() && inventory.get(inv).asOf() <= c.time()) {
                batchTime = flushBatch(producer, rawTopic, batch, batchTime);
                producer.flush();
                awaitCaughtUp(config);
                while (inv < inventory.size() && inventory.get(inv).asOf() <= c.time()) {
                    send(producer, inventoryTopic, inventory.get(inv++));
                }
                producer.flush();
            }
            batch.add(gen.record(c));
            batchTime = Math.max(batchTime, c.time());
            sent++;
            if (batch.size() == BATCH) {
                batchTime = flushBatch(producer, rawTopic, batch, batchTime);
            }
        }
        flushBatch(producer, rawTopic, batch, batchTime);
        while (inv < inventory.size()) {
            send(producer, inventoryTopic, inventory.get(inv++));
        }
        producer.flush();
        System.err.println("nhi-drift demo: published " + inventory.size() + " inventory records and " + sent
                + " CloudTrail records of history (" + DemoScenario.HISTORY_DAYS + " days)"
                + (!live ? "; live traffic off (--no-live)" : "; now sending live traffic every " + LIVE_INTERVAL_MS + " ms"));
        if (!live) {
            while (running.getAsBoolean()) {
                Thread.sleep(200);
            }
            return;
        }
        Random r = new Random(7L);
        while (running.getAsBoolean()) {
            Thread.sleep(LIVE_INTERVAL_MS);
            if (!running.getAsBoolean()) {
                return;
            }
            long t = System.currentTimeMillis();
            Call c = DemoScenario.liveCall(t, r);
            producer.send(new ProducerRecord<>(rawTopic, 0, t, null,
                    CloudTrailGenerator.s3Delivery(List.of(gen.record(c)))));
        }
    }

    /** Closes the producer (waiting at most 5 s for records in flight). */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Inventory i) {
        producer.send(new ProducerRecord<>(topic, null, i.asOf(), i.credentialId(), i.json()));
    }

    /** Sends one S3-delivery body; all history goes to partition 0 so that it is normalized in time order. */
    private static long flushBatch(KafkaProducer<String, byte[]> producer, String topic, List<byte[]> batch, long time) {
        if (!batch.isEmpty()) {
            producer.send(new ProducerRecord<>(topic, 0, time, null, CloudTrailGenerator.s3Delivery(batch)));
            batch.clear();
        }
        return 0;
    }

    /**
     * Waits (at most 60 s) until the pipeline has consumed everything published so far: the raw topic up to its
     * end and the events topic up to its last stable offset (a transaction marker may follow the last event).
     */
    private void awaitCaughtUp(AppConfig config) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(p)) {
            for (String topic : List.of(config.topics().rawByFormat().get("cloudtrail"), config.topics().events())) {
                boolean transactional = topic.equals(config.topics().events());
                while (running.getAsBoolean() && System.nanoTime() < deadline) {
                    if (caughtUp(admin, config.applicationId(), topic, config.topicPartitions(), transactional)) {
                        break;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("nhi-drift demo: could not check the pipeline's progress: " + e);
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic, int partitions, boolean transactional) {
        try {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (var e : ends.entrySet()) {
                long end = e.getValue().offset();
                if (end == 0) {
                    continue;
                }
                OffsetAndMetadata c = committed.get(e.getKey());
                long pos = c == null ? 0 : c.offset();
                if (pos < (transactional ? end - 1 : end)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static KafkaProducer<String, byte[]> producer(AppConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private record Inventory(String credentialId, long asOf, byte[] json) {}
}
