package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.cli.Main;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import io.nhidrift.topology.DeadLetters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reported defects on a real broker: CloudTrail records stamped before 1970, in 2099, or in zone-less local time
 * two hours ahead no longer stop the pipeline (they are dead-lettered with their reason, the records after them are
 * processed, {@code /health} stays UP), the topics nhi-drift writes are created with LogAppendTime, and a bad
 * configuration is refused before anything is created on the cluster.
 */
@IntegrationTest
class EdgeIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private NhiDriftService service;

    @AfterEach
    void stop() {
        ItRecords.stop(service, kafka);
    }

    @Test
    void poisonedTimestampsAreDeadLetteredAndThePipelineGoesOn() throws Exception {
        kafka = EmbeddedKafka.start();
        assertEquals(2, Main.execute("run", "--bootstrap-servers", kafka.bootstrapServers(), "--set", "inputs=cloudtrail,nope",
                "--set", "state.dir=" + stateDir), "an unknown input format is a configuration error");
        assertEquals(2, Main.execute("run", "--bootstrap-servers", kafka.bootstrapServers(), "--set",
                "detect.idle.after=999999999999d", "--set", "state.dir=" + stateDir), "an unusable duration is refused");
        try (Admin admin = admin()) {
            assertEquals(Set.of(), admin.listTopics().names().get(30, TimeUnit.SECONDS),
                    "nothing was created before the configuration was refused");
        }

        service = NhiDriftService.start(AppConfig.from(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "nhi-drift-edge-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(), "http.port", "0", "http.host", "127.0.0.1",
                "topics.partitions", "2", "topics.replication.factor", "1", "processing.guarantee", "exactly_once_v2")));

        Instant now = Instant.now();
        List<String> poisoned = List.of(
                ItRecords.cloudTrail("e-1960", "AKIAPOISON0000000001", "s3.amazonaws.com", "GetObject", "1960-01-01T00:00:00Z"),
                ItRecords.cloudTrail("e-2099", "AKIAPOISON0000000002", "s3.amazonaws.com", "GetObject", "2099-01-01T00:00:00Z"),
                ItRecords.cloudTrail("e-180d", "AKIAPOISON0000000003", "s3.amazonaws.com", "GetObject",
                        now.plus(180, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()),
                ItRecords.cloudTrail("e-local", "AKIAPOISON0000000004", "s3.amazonaws.com", "GetObject",
                        LocalDateTime.ofInstant(now.plus(2, ChronoUnit.HOURS), ZoneOffset.UTC).format(LOCAL)));
        String good = ItRecords.cloudTrail("e-good", "AKIAGOODAFTERPOISON1", "s3.amazonaws.com", "GetObject",
                now.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers());
                TopicReader alerts = new TopicReader(kafka.bootstrapServers(), "nhi.alerts.json");
                TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), "nhi.dead-letters")) {
            producer.beginTransaction();
            for (String p : poisoned) {
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", p.getBytes(UTF_8)));
            }
            producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", good.getBytes(UTF_8)));
            producer.commitTransaction();

            List<ConsumerRecord<byte[], byte[]>> a = alerts.awaitUntil(rs -> rs.stream()
                    .anyMatch(r -> "AKIAGOODAFTERPOISON1".equals(json(r.value()).path("credentialId").asText())), DEADLINE);
            assertTrue(a.stream().anyMatch(r -> "AKIAGOODAFTERPOISON1".equals(json(r.value()).path("credentialId").asText())),
                    "the record after the poisoned ones was processed within 60 s");
            List<ConsumerRecord<byte[], byte[]>> dlq = deadLetters.awaitUntil(rs -> rs.size() >= 4, DEADLINE);
            assertEquals(4, dlq.size(), "each poisoned record dead-lettered");
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(poisoned.get(i).getBytes(UTF_8), dlq.get(i).value());
            }
            assertEquals("eventTime 1960-01-01T00:00:00Z is before 1970-01-01T00:00:00Z",
                    DeadLetters.header(dlq.get(0).headers(), DeadLetters.REASON));
            for (int i = 1; i < 4; i++) {
                String reason = DeadLetters.header(dlq.get(i).headers(), DeadLetters.REASON);
                assertTrue(reason.contains("ahead of the wall clock") && reason.contains("input.max-future-skew"), reason);
            }
            assertTrue(a.stream().noneMatch(r -> json(r.value()).path("credentialId").asText().startsWith("AKIAPOISON")));
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", json(health.body().getBytes(UTF_8)).path("status").asText());

        try (Admin admin = admin()) {
            for (String topic : List.of("nhi.events", "nhi.alerts", "nhi.alerts.json", "nhi.dead-letters")) {
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config c = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
                assertEquals("LogAppendTime", c.get("message.timestamp.type").value(), topic);
            }
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("nhi.raw.nope"));
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(p);
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
