package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.avro.Alert;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.ocsf.OcsfSchema;
import io.nhidrift.ocsf.OcsfValidator;
import io.nhidrift.serde.ConfluentWireAvroSerde;
import io.nhidrift.topology.DeadLetters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.IntegrationTest;

/**
 * End to end against a real (embedded KRaft) broker: inventory and raw CloudTrail in, alerts (JSON
 * and Avro), dead letters and the query API out, all under exactly_once_v2.
 */
@IntegrationTest
class PipelineIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = "AKIAEXAMPLEKEY000001";
    private static final String UNKNOWN = "AKIAUNLISTEDKEY00002";
    private static final String INVENTORY = """
            {"credentialId":"AKIAEXAMPLEKEY000001","kind":"aws_access_key","owner":"team-payments",\
            "grants":["s3:GetObject","s3:List*"],"denies":[],"asOf":"2026-07-01T00:00:00Z"}""";
    private static final String S3_DELIVERY = """
            {"Records":[%s,%s]}""".formatted(
            ct("e-0001", KNOWN, "s3.amazonaws.com", "GetObject", "2026-07-02T10:00:00Z"),
            ct("e-0002", KNOWN, "iam.amazonaws.com", "CreateUser", "2026-07-02T10:05:00Z"));
    private static final String UNLISTED_RECORD = ct("e-0003", UNKNOWN, "s3.amazonaws.com", "GetObject",
            "2026-07-02T10:10:00Z");
    private static final byte[] GARBAGE = "not json".getBytes(UTF_8);

    private static final String API_TOKEN = "pipeline-it-read-token-0123456789";

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private NhiDriftService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        ItRecords.stop(service, kafka);
    }

    @Test
    void raw_cloudtrail_becomes_alerts_dead_letters_and_queryable_state() throws Exception {
        kafka = EmbeddedKafka.start();
        AppConfig config = AppConfig.from(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "nhi-drift-it-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(),
                "http.port", "0",
                "http.host", "127.0.0.1",
                "topics.partitions", "2",
                "topics.replication.factor", "1",
                "processing.guarantee", "exactly_once_v2",
                "commit.interval", "100ms")).with(Map.of("http.auth.tokens", "read:" + API_TOKEN));
        long startNanos = System.nanoTime();
        service = NhiDriftService.start(config);

        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka.bootstrapServers());
                TopicReader jsonAlerts = new TopicReader(kafka.bootstrapServers(), "nhi.alerts.json");
                TopicReader avroAlerts = new TopicReader(kafka.bootstrapServers(), "nhi.alerts");
                TopicReader ocsfFindings = new TopicReader(kafka.bootstrapServers(), "nhi.findings.ocsf");
                TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), "nhi.dead-letters")) {

            send(producer, "nhi.inventory", KNOWN, INVENTORY.getBytes(UTF_8));
            JsonNode known = awaitCredential(KNOWN, v -> v.path("known").asBoolean(false));
            assertEquals("team-payments", known.path("inventory").path("owner").asText());
            assertEquals("2026-07-01T00:00:00Z", known.path("inventory").path("asOf").asText());

            long producedNanos = System.nanoTime();
            // an unparseable record first: it must be dead-lettered and must not hold back the records after it
            send(producer, "nhi.raw.cloudtrail", null, GARBAGE, S3_DELIVERY.getBytes(UTF_8), UNLISTED_RECORD.getBytes(UTF_8));

            // JSON alerts
            List<ConsumerRecord<byte[], byte[]>> json = jsonAlerts.awaitUntil(
                    rs -> findAlert(rs, "OUT_OF_SCOPE_USE", KNOWN).isPresent()
                            && findAlert(rs, "UNKNOWN_CREDENTIAL", UNKNOWN).isPresent(), DEADLINE);
            long firstAlertNanos = System.nanoTime();
            System.out.printf("PipelineIntegrationTest: service start -> both alerts read: %d ms; raw produce -> alerts: %d ms%n",
                    (firstAlertNanos - startNanos) / 1_000_000, (firstAlertNanos - producedNanos) / 1_000_000);
            JsonNode outOfScope = findAlert(json, "OUT_OF_SCOPE_USE", KNOWN)
                    .orElseThrow(() -> new AssertionError("no OUT_OF_SCOPE_USE alert for " + KNOWN + " within 60 s; got "
                            + alertSummaries(json)));
            assertEquals("iam:CreateUser", outOfScope.path("subject").asText(), outOfScope.toString());
            assertEquals("team-payments", outOfScope.path("owner").asText());
            assertEquals(KNOWN, new String(recordOf(json, outOfScope).key(), UTF_8), "alert keyed by credentialId");
            JsonNode unknown = findAlert(json, "UNKNOWN_CREDENTIAL", UNKNOWN)
                    .orElseThrow(() -> new AssertionError("no UNKNOWN_CREDENTIAL alert for " + UNKNOWN + " within 60 s; got "
                            + alertSummaries(json)));
            assertTrue(findAlert(json, "OUT_OF_SCOPE_USE", KNOWN, "s3:GetObject").isEmpty(),
                    "s3:GetObject is granted, no OUT_OF_SCOPE_USE expected: " + alertSummaries(json));

            // the same alerts in Avro, Confluent wire format
            List<String> expectedIds = List.of(outOfScope.path("alertId").asText(), unknown.path("alertId").asText());
            Deserializer<Alert> avro = ConfluentWireAvroSerde.forAlerts(null).deserializer();
            List<ConsumerRecord<byte[], byte[]>> avroRecords = avroAlerts.awaitUntil(
                    rs -> decode(avro, rs).keySet().containsAll(expectedIds), DEADLINE);
            Map<String, Alert> byId = decode(avro, avroRecords);
            assertTrue(byId.keySet().containsAll(expectedIds), "Avro alert ids " + byId.keySet() + " lack " + expectedIds);
            assertEquals(jsonIds(jsonAlerts.awaitUntil(rs -> jsonIds(rs).containsAll(byId.keySet()), DEADLINE)).stream()
                    .sorted().toList(), byId.keySet().stream().sorted().toList(), "JSON and Avro topics carry the same alerts");
            for (ConsumerRecord<byte[], byte[]> r : avroRecords) {
                assertEquals(0, r.value()[0], "Confluent wire format: magic byte 0");
                assertTrue(r.value().length > 5, "magic byte, 4-byte schema id, then the body");
            }
            assertEquals("iam:CreateUser", String.valueOf(byId.get(expectedIds.get(0)).getSubject()));
            assertEquals("UNKNOWN_CREDENTIAL", byId.get(expectedIds.get(1)).getType());

            // the same alerts as OCSF findings, keyed by credential id, valid against the OCSF 1.8.0 schema
            List<ConsumerRecord<byte[], byte[]>> ocsf = ocsfFindings.awaitUntil(
                    rs -> findingIds(rs).containsAll(expectedIds), DEADLINE);
            assertTrue(findingIds(ocsf).containsAll(expectedIds), "OCSF finding uids " + findingIds(ocsf) + " lack " + expectedIds);
            OcsfValidator validator = new OcsfValidator(OcsfSchema.fromBuild());
            for (ConsumerRecord<byte[], byte[]> r : ocsf) {
                JsonNode finding = JSON.readTree(r.value());
                assertEquals(List.of(), validator.validate(finding), finding.toString());
                assertEquals(finding.at("/resources/0/uid").asText(), new String(r.key(), UTF_8), "finding keyed by credentialId");
            }

            // the query API
            JsonNode view = awaitCredential(KNOWN, v -> v.path("actionsUsed").size() == 2);
            assertEquals(List.of("iam:CreateUser", "s3:GetObject"), texts(view.path("actionsUsed"), "action"), view.toString());
            assertEquals(List.of("iam:CreateUser"), texts(view.path("outOfScopeActions"), null), view.toString());
            assertEquals(2, view.path("useCount").asLong(), view.toString());
            assertEquals("2026-07-02T10:00:00Z", view.path("firstSeen").asText(), view.toString());
            assertEquals("2026-07-02T10:05:00Z", view.path("lastSeen").asText(), view.toString());
            JsonNode unlisted = awaitCredential(UNKNOWN, v -> v.path("useCount").asLong() >= 1);
            assertEquals(false, unlisted.path("known").asBoolean(true), unlisted.toString());
            HttpResponse<String> missing = get("/api/v1/credentials/" + enc("AKIANEVERSEENKEY0003"));
            assertEquals(404, missing.statusCode(), missing.body());
            assertEquals("unknown credential", JSON.readTree(missing.body()).path("error").asText());
            HttpResponse<String> list = get("/api/v1/credentials?limit=10");
            assertEquals(200, list.statusCode(), list.body());
            assertEquals(List.of(KNOWN, UNKNOWN), texts(JSON.readTree(list.body()).path("credentials"), "credentialId"));
            HttpResponse<String> health = get("/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("UP", JSON.readTree(health.body()).path("status").asText());
            assertEquals(200, get("/metrics").statusCode());

            // dead letter: the original bytes, the reason in a header
            List<ConsumerRecord<byte[], byte[]>> dlq = deadLetters.awaitUntil(
                    rs -> rs.stream().anyMatch(r -> Arrays.equals(GARBAGE, r.value())), DEADLINE);
            ConsumerRecord<byte[], byte[]> garbage = dlq.stream().filter(r -> Arrays.equals(GARBAGE, r.value())).findFirst()
                    .orElseThrow(() -> new AssertionError("garbage raw record not dead-lettered within 60 s ("
                            + dlq.size() + " dead letters)"));
            String reason = DeadLetters.header(garbage.headers(), DeadLetters.REASON);
            assertNotNull(reason, "header " + DeadLetters.REASON);
            assertTrue(!reason.isBlank(), "non-blank reason");
            assertEquals(1, dlq.size(), "only the garbage record is dead-lettered: " + dlq.size());
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String ct(String eventId, String accessKeyId, String eventSource, String eventName, String time) {
        return ItRecords.cloudTrail(eventId, accessKeyId, eventSource, eventName, time);
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(String bootstrap) {
        return ItRecords.transactionalProducer(bootstrap);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[]... values) {
        producer.beginTransaction();
        for (byte[] v : values) {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(UTF_8), v));
        }
        producer.commitTransaction();
    }

    /** Polls the credential endpoint (60 s max) until it answers 200 with a body that satisfies {@code done}. */
    private JsonNode awaitCredential(String id, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/api/v1/credentials/" + enc(id));
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode body = JSON.readTree(r.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        return fail("credential " + id + " not as expected within 60 s; last answer: " + last);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + pathAndQuery))
                .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, UTF_8);
    }

    private static Optional<JsonNode> findAlert(List<ConsumerRecord<byte[], byte[]>> records, String type, String credentialId,
            String... subject) {
        return records.stream().map(r -> parse(r.value()))
                .filter(a -> type.equals(a.path("type").asText()) && credentialId.equals(a.path("credentialId").asText()))
                .filter(a -> subject.length == 0 || subject[0].equals(a.path("subject").asText()))
                .findFirst();
    }

    private static ConsumerRecord<byte[], byte[]> recordOf(List<ConsumerRecord<byte[], byte[]>> records, JsonNode alert) {
        return records.stream().filter(r -> parse(r.value()).path("alertId").equals(alert.path("alertId"))).findFirst()
                .orElseThrow();
    }

    private static List<String> findingIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> parse(r.value()).at("/finding_info/uid").asText()).toList();
    }

    private static List<String> jsonIds(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> parse(r.value()).path("alertId").asText()).toList();
    }

    private static List<String> alertSummaries(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> parse(r.value()))
                .map(a -> a.path("type").asText() + "/" + a.path("credentialId").asText() + "/" + a.path("subject")).toList();
    }

    private static Map<String, Alert> decode(Deserializer<Alert> avro, List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Alert> m = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Alert a = avro.deserialize(r.topic(), r.value());
            m.put(a.getAlertId(), a);
        }
        return m;
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }
}
