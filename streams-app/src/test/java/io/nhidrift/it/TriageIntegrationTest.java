package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.cli.Main;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import io.nhidrift.topology.Names;
import io.nhidrift.triage.TriagePartitioner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert store and triage on a real broker: an emitted alert is answered by id (and listed) by either of two
 * instances, a decision posted to one instance reaches the task that owns the alert, and a suppression published to
 * nhi.triage by the {@code triage} command keeps its type quiet for its credential until its expiry (event time), also
 * after the service restarts from an empty state directory, then lets it alert again.
 */
@IntegrationTest
class TriageIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ = "triage-it-read-token-0123456789abcdef";
    private static final String TRIAGE = "triage-it-triage-token-0123456789abcdef";
    private static final String RAW = "nhi.raw.cloudtrail";

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;
    @TempDir
    Path stateAfterRestart;

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedKafka kafka;
    private NhiDriftService a;
    private NhiDriftService b;

    @AfterEach
    void stop() {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            ItRecords.stop(a, kafka);
        }
    }

    private static AppConfig config(String bootstrap, String appId, Path stateDir, int partitions) {
        return AppConfig.from(Map.of("bootstrap.servers", bootstrap, "application.id", appId, "http.port", "0",
                "state.dir", stateDir.toString(), "topics.partitions", Integer.toString(partitions),
                "topics.replication.factor", "1", "commit.interval", "100ms",
                "http.auth.tokens", "read:" + READ + ",triage:" + TRIAGE,
                // the suppression test's events lie in the next hours: decisions expire after they are made
                "input.max-future-skew", "1d", "detect.max-future-skew", "1d"));
    }

    @Test
    void anAlertIsAnsweredByIdAndListedByEitherInstanceAndADecisionPostedToOneReachesItsOwner() throws Exception {
        kafka = EmbeddedKafka.start();
        String app = "nhi-drift-triage-multi-" + UUID.randomUUID().toString().substring(0, 8);
        a = NhiDriftService.start(config(kafka.bootstrapServers(), app, stateA, 4));
        b = NhiDriftService.start(config(kafka.bootstrapServers(), app, stateB, 4));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add("AKIATRIAGEMULTI0000" + i);
        }
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers())) {
            producer.beginTransaction();
            for (int i = 0; i < keys.size(); i++) { // unknown credentials: one UNKNOWN_CREDENTIAL alert each
                producer.send(new ProducerRecord<>(RAW, keys.get(i).getBytes(UTF_8), ItRecords.cloudTrail("multi-" + i, keys.get(i),
                        "s3.amazonaws.com", "GetObject", "2026-11-02T10:00:0" + i + "Z").getBytes(UTF_8)));
            }
            producer.commitTransaction();
        }
        Map<String, String> alertIdByKey = new HashMap<>();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), "nhi.alerts.json")) {
            for (ConsumerRecord<byte[], byte[]> r : reader.awaitUntil(rs -> rs.size() >= keys.size(), DEADLINE)) {
                JsonNode n = JSON.readTree(r.value());
                alertIdByKey.put(n.get("credentialId").asText(), n.get("alertId").asText());
            }
        }
        assertEquals(new HashSet<>(keys), alertIdByKey.keySet(), "one alert per credential");

        for (String key : keys) {
            String id = alertIdByKey.get(key);
            for (NhiDriftService instance : List.of(a, b)) {
                JsonNode alert = awaitJson(instance, "/api/v1/alerts/" + id, n -> true);
                assertEquals(id, alert.get("alertId").asText());
                assertEquals(key, alert.get("credentialId").asText());
                assertEquals("UNKNOWN_CREDENTIAL", alert.get("type").asText());
                assertEquals("open", alert.get("status").asText());
                assertEquals(0, alert.get("triage").size());
            }
        }
        assertEquals(404, get(b, "/api/v1/alerts/0000ffff", READ).statusCode(), "an unknown id is 404 once both were asked");
        Set<String> owners = new HashSet<>();
        for (String key : keys) {
            var md = a.streams().queryMetadataForKey(Names.ALERT_STORE, key, Serdes.String().serializer());
            owners.add(md.activeHost().toString());
        }
        assertEquals(2, owners.size(), "alerts live on both instances, so some answers above came from the peer");

        // the list, cluster-wide and paged: every alert once, newest first
        List<String> listed = new ArrayList<>();
        String next = null;
        for (int page = 0; page < 10; page++) {
            JsonNode body = awaitJson(a, "/api/v1/alerts?limit=3" + (next == null ? "" : "&cursor=" + next), n -> true);
            assertEquals(2, body.get("instances").asInt());
            assertEquals(false, body.get("partial").asBoolean());
            body.get("alerts").forEach(r -> listed.add(r.get("credentialId").asText()));
            next = body.get("next").isNull() ? null : body.get("next").asText();
            if (next == null) {
                break;
            }
        }
        List<String> newestFirst = new ArrayList<>(keys);
        java.util.Collections.reverse(newestFirst); // event times rise with the index
        assertEquals(newestFirst, listed);

        String key = keys.get(3);
        JsonNode one = awaitJson(b, "/api/v1/credentials/" + URLEncoder.encode(key, UTF_8) + "/alerts", n -> true);
        assertEquals(1, one.get("alerts").size());
        assertEquals(alertIdByKey.get(key), one.get("alerts").get(0).get("alertId").asText());

        // a decision posted to B for every alert; each reaches the owner's task and both instances answer the new status
        String body = "{\"action\":\"acknowledge\",\"by\":\"alice\",\"reason\":\"looking\"}";
        assertEquals(403, post(b, "/api/v1/alerts/" + alertIdByKey.get(key) + "/triage", body, READ).statusCode(),
                "the read role may not triage");
        String target = "/api/v1/alerts/" + alertIdByKey.get(key) + "/triage";
        HttpResponse<String> bad = post(b, target, "{\"action\":\"suppress\",\"by\":\"alice\",\"reason\":\"r\"}", TRIAGE);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("a suppression needs expiresAt"), bad.body());
        assertEquals(400, post(b, target, "{\"action\":\"snooze\",\"by\":\"alice\"}", TRIAGE).statusCode());
        assertEquals(400, post(b, target, "{\"action\":\"resolve\",\"by\":\"alice\",\"alertType\":\"HUMAN_USE\"}", TRIAGE)
                .statusCode(), "the alert decides the type and credential");
        assertEquals(404, post(b, "/api/v1/alerts/0000ffff/triage", body, TRIAGE).statusCode());
        HttpResponse<String> wrongMethod = get(b, target, TRIAGE);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(null));
        for (String k : keys) {
            HttpResponse<String> posted = post(b, "/api/v1/alerts/" + alertIdByKey.get(k) + "/triage", body, TRIAGE);
            assertEquals(202, posted.statusCode(), posted.body());
            assertEquals(k, JSON.readTree(posted.body()).get("credentialId").asText());
        }
        for (String k : keys) {
            JsonNode acked = awaitJson(a, "/api/v1/alerts/" + alertIdByKey.get(k), n -> n.path("status").asText().equals("acknowledged"));
            assertEquals("acknowledged", acked.get("status").asText(), "status of " + k);
            assertEquals("alice", acked.get("triage").get(0).get("by").asText());
            assertEquals("looking", acked.get("triage").get(0).get("reason").asText());
        }
        JsonNode filtered = awaitJson(b, "/api/v1/alerts?status=acknowledged&type=UNKNOWN_CREDENTIAL", n -> true);
        assertEquals(keys.size(), filtered.get("alerts").size());
    }

    @Test
    void aSuppressionFromTheTriageCommandHoldsUntilItsExpiryInEventTimeAlsoAfterARestartThenTheTypeAlertsAgain()
            throws Exception {
        kafka = EmbeddedKafka.start();
        String app = "nhi-drift-triage-suppress-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = kafka.bootstrapServers();
        a = NhiDriftService.start(config(bootstrap, app, stateA, 2));
        String key = "AKIATRIAGESUPPRESS01";
        Instant t0 = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = t0.plus(Duration.ofHours(1));
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(bootstrap)) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("nhi.inventory", key.getBytes(UTF_8), ("{\"credentialId\":\"" + key
                    + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],\"asOf\":\"" + t0.minus(Duration.ofDays(1))
                    + "\"}").getBytes(UTF_8)));
            producer.commitTransaction();
        }
        awaitJson(a, "/api/v1/credentials/" + key, n -> n.path("known").asBoolean(false));

        try (TopicReader alerts = new TopicReader(bootstrap, "nhi.alerts.json")) {
            use(bootstrap, key, "iam:CreateUser", t0);
            String first = awaitAlert(alerts, key, "iam:CreateUser").get("alertId").asText();

            int exit = Main.execute("triage", "--bootstrap-servers", bootstrap, "--credential", key, "--alert", first,
                    "--action", "suppress", "--by", "alice", "--reason", "red team exercise", "--expires", expiry.toString());
            assertEquals(0, exit);
            JsonNode suppressed = awaitJson(a, "/api/v1/alerts/" + first, n -> n.path("status").asText().equals("suppressed"));
            assertEquals("red team exercise", suppressed.get("triage").get(0).get("reason").asText());

            use(bootstrap, key, "iam:DeleteUser", t0.plus(Duration.ofMinutes(10)));
            assertSilenced(alerts, bootstrap, key, "iam:DeleteUser", "barrier-1", t0.plus(Duration.ofMinutes(11)));

            a.close();
            a = null; // restart from an empty state directory: the suppression comes back from the changelog
            a = NhiDriftService.start(config(bootstrap, app, stateAfterRestart, 2));
            awaitJson(a, "/api/v1/alerts/" + first, n -> n.path("status").asText().equals("suppressed"));

            use(bootstrap, key, "iam:PutUserPolicy", t0.plus(Duration.ofMinutes(20)));
            assertSilenced(alerts, bootstrap, key, "iam:PutUserPolicy", "barrier-2", t0.plus(Duration.ofMinutes(21)));

            use(bootstrap, key, "iam:AttachUserPolicy", expiry); // expiresAt reached in event time: alerts again
            JsonNode again = awaitAlert(alerts, key, "iam:AttachUserPolicy");
            assertEquals("OUT_OF_SCOPE_USE", again.get("type").asText());
        }
        JsonNode stored = awaitJson(a, "/api/v1/credentials/" + key + "/alerts?type=OUT_OF_SCOPE_USE", n -> n.path("alerts").size() == 4);
        List<String> statuses = new ArrayList<>();
        stored.get("alerts").forEach(r -> statuses.add(r.get("subject").asText() + "=" + r.get("status").asText()));
        assertEquals(List.of("iam:AttachUserPolicy=open", "iam:PutUserPolicy=suppressed", "iam:DeleteUser=suppressed",
                "iam:CreateUser=suppressed"), statuses, "the silenced alerts are kept, auditable");
    }

    /**
     * The alert for {@code action} never reaches the alert topic: an unknown credential of the same partition uses the
     * same raw partition right after, and once its alert is committed everything before it on that partition is too.
     */
    private void assertSilenced(TopicReader alerts, String bootstrap, String key, String action, String barrierTag,
            Instant barrierTime) throws Exception {
        String barrier = sameTaskCredential(key, barrierTag);
        use(bootstrap, barrier, "s3:GetObject", barrierTime);
        List<ConsumerRecord<byte[], byte[]>> seen = alerts.awaitUntil(rs -> find(rs, barrier, null) != null, DEADLINE);
        assertTrue(find(seen, barrier, null) != null, "the barrier alert arrived");
        assertEquals(null, find(seen, key, action), "no alert for the suppressed " + action);
    }

    private static String sameTaskCredential(String key, String tag) {
        int partition = TriagePartitioner.partition(key, 2);
        for (int i = 0; ; i++) {
            String candidate = "AKIABARRIER" + tag.toUpperCase().replace("-", "") + i;
            if (TriagePartitioner.partition(candidate, 2) == partition) {
                return candidate;
            }
        }
    }

    /** One CloudTrail call, on raw partition 0 (so calls stay in the order sent). */
    private static void use(String bootstrap, String key, String action, Instant time) {
        String[] parts = action.split(":");
        String record = ItRecords.cloudTrail(UUID.randomUUID().toString(), key, parts[0] + ".amazonaws.com", parts[1],
                time.toString());
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(bootstrap)) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(RAW, 0, null, record.getBytes(UTF_8)));
            producer.commitTransaction();
        }
    }

    private static JsonNode awaitAlert(TopicReader alerts, String key, String subject) {
        JsonNode found = find(alerts.awaitUntil(rs -> find(rs, key, subject) != null, DEADLINE), key, subject);
        assertTrue(found == null || found.get("type").asText().equals("OUT_OF_SCOPE_USE"), "the only alert of that use: " + found);
        assertTrue(found != null, "alert for " + key + " " + subject);
        return found;
    }

    private static JsonNode find(List<ConsumerRecord<byte[], byte[]>> records, String key, String subject) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                JsonNode n = JSON.readTree(r.value());
                if (n.get("credentialId").asText().equals(key) && (subject == null || subject.equals(n.path("subject").asText()))) {
                    return n;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return null;
    }

    /** GETs until a 200 whose body satisfies {@code done}, or fails at the deadline with the last answer. */
    private JsonNode awaitJson(NhiDriftService instance, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(instance, path, READ);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode n = JSON.readTree(r.body());
                if (done.test(n)) {
                    return n;
                }
            }
            Thread.sleep(100); // poll interval of the deadline-bounded wait
        }
        throw new AssertionError("GET " + path + " never answered as expected; last answer: " + last);
    }

    private HttpResponse<String> get(NhiDriftService instance, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(NhiDriftService instance, String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
