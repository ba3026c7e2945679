package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts about 90-day-old events survive the broker's retention checks, even with a retention of 30 days: the topics
 * nhi-drift creates keep LogAppendTime stamps, so retention counts from when the alert was written, not from its
 * event time. The broker
 * checks retention every 500 ms here; a canary topic with the broker's defaults (CreateTime, 7 days), holding a
 * record stamped 90 days ago, shows each check happened — and what would have happened to the alerts before (with
 * {@code message.timestamp.type=CreateTime} on the alert topics this test fails: their log start moves past the alert).
 */
@IntegrationTest
class AlertRetentionIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CANARY = "it.retention.canary";
    private static final String KEY = "AKIAOLDEVENTS0000001";

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private NhiDriftService service;

    @AfterEach
    void stop() {
        ItRecords.stop(service, kafka);
    }

    @Test
    void alertsAbout90DayOldEventsSurviveARetentionCheck() throws Exception {
        kafka = EmbeddedKafka.start(Map.of("log.retention.check.interval.ms", "500"));
        kafka.createTopics(Map.of(CANARY, 1), Set.of());
        service = NhiDriftService.start(AppConfig.from(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "nhi-drift-retention-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(), "http.port", "0", "http.host", "127.0.0.1",
                "topics.partitions", "1", "topics.replication.factor", "1",
                // at_least_once: under exactly-once, each transaction's commit marker (stamped now) keeps a segment of
                // old-stamped alerts alive until the marker itself expires, which would hide the defect from this test
                "processing.guarantee", "at_least_once",
                // retention shorter than the events' age: only the timestamp type can keep the alerts
                "topics.retention.alerts", "30d", "topics.retention.events", "30d")));
        Instant ninetyDaysAgo = Instant.now().minus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String inventory = "{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],"
                + "\"asOf\":\"" + ninetyDaysAgo.minus(1, ChronoUnit.DAYS) + "\"}";
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers());
                TopicReader alerts = new TopicReader(kafka.bootstrapServers(), "nhi.alerts.json")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("nhi.inventory", KEY.getBytes(UTF_8), inventory.getBytes(UTF_8)));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", ItRecords.cloudTrail("e-old-1", KEY, "iam.amazonaws.com",
                    "CreateUser", ninetyDaysAgo.toString()).getBytes(UTF_8)));
            producer.commitTransaction();
            List<ConsumerRecord<byte[], byte[]>> written = alerts.awaitUntil(rs -> !rs.isEmpty(), DEADLINE);
            assertEquals(1, written.size(), "one OUT_OF_SCOPE_USE alert");
            assertEquals(ninetyDaysAgo.toString(), json(written.get(0).value()).path("eventTime").asText());

            // two retention checks after the alert was written: the second canary is deleted by a later check than the first
        }
        try (KafkaProducer<byte[], byte[]> plain = plainProducer()) {
            awaitCanaryDeleted(plain, 1);
            awaitCanaryDeleted(plain, 2);
        }
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            for (String topic : List.of("nhi.alerts.json", "nhi.alerts", "nhi.events")) {
                TopicPartition tp = new TopicPartition(topic, 0);
                long start = c.beginningOffsets(List.of(tp)).get(tp);
                long end = c.endOffsets(List.of(tp)).get(tp);
                assertEquals(0, start, topic + ": nothing deleted by retention");
                assertTrue(end > 0, topic + " holds the records");
            }
        }
    }

    /**
     * Writes a record stamped 90 days ago to the canary (CreateTime, 7-day retention) and waits until retention deleted
     * it. Not in a transaction: a commit marker is stamped with the current time and would keep its segment.
     */
    private void awaitCanaryDeleted(KafkaProducer<byte[], byte[]> producer, long expectedStart) throws Exception {
        long stamp = Instant.now().minus(90, ChronoUnit.DAYS).toEpochMilli();
        producer.send(new ProducerRecord<>(CANARY, 0, stamp, null, "old".getBytes(UTF_8))).get();
        TopicPartition tp = new TopicPartition(CANARY, 0);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            long start = -1;
            while (System.nanoTime() < deadline) {
                start = c.beginningOffsets(List.of(tp)).get(tp);
                if (start >= expectedStart) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the broker did not delete the canary record within 60 s (log start " + start + ")");
        }
    }

    private KafkaProducer<byte[], byte[]> plainProducer() {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
