package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import io.nhidrift.topology.Names;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one broker, four partitions: the cluster-wide list (every sort, paged), the fleet summary, every
 * credential's view and its recommendation are the same whichever instance answers, and complete; after a new use,
 * the sorted list and the summary (served from rank indexes, refreshed every second here) move to it on both.
 */
@IntegrationTest
class ClusterQueryIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "cluster-query-read-token-0123456789";
    private static final int AWS_KEYS = 12;
    private static final int USED_KEYS = 8;
    private static final int K8S_ACCOUNTS = 6;
    private static final int API_KEYS = 4;
    private static final String UNKNOWN_KEY = "AKIAQX3ITUNKNOWN0001";
    /** Every credential: the inventoried ones plus the unknown key seen in the logs. */
    private static final int ALL = AWS_KEYS + K8S_ACCOUNTS + API_KEYS + 1;

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static AppConfig config(String bootstrap, Path stateDir) {
        return AppConfig.from(Map.of("bootstrap.servers", bootstrap, "application.id", "nhi-drift-cluster-query",
                "http.port", "0", "state.dir", stateDir.toString(), "topics.partitions", "4", "topics.replication.factor", "1",
                "commit.interval", "100ms", "http.auth.tokens", "read:" + TOKEN, "query.rank.refresh", "1s"));
    }

    static String awsKey(int i) {
        return String.format("AKIAQX3ITCLUSTER%04d", i);
    }

    @Test
    void listSummaryAndEveryViewAreTheSameWhicheverInstanceAnswers() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                NhiDriftService a = NhiDriftService.start(config(kafka.bootstrapServers(), stateA));
                NhiDriftService b = NhiDriftService.start(config(kafka.bootstrapServers(), stateB))) {
            publish(kafka.bootstrapServers());
            int pa = a.httpPort();
            int pb = b.httpPort();
            awaitProcessed(pa, pb);

            // the whole list, page by page, in every order, from both instances
            for (String order : new String[] {"", "&sort=unusedShare", "&sort=lastSeen&order=asc", "&sort=risk", "&order=desc"}) {
                List<JsonNode> fromA = allPages(pa, "limit=5" + order);
                List<JsonNode> fromB = allPages(pb, "limit=5" + order);
                assertEquals(fromA, fromB, "the same pages from either instance for " + order);
                Set<String> ids = new HashSet<>();
                fromA.forEach(r -> ids.add(r.path("credentialId").asText()));
                assertEquals(ALL, fromA.size(), "every credential once for " + order + ": " + ids);
                assertEquals(ALL, ids.size(), "no credential twice for " + order);
            }
            List<JsonNode> byId = allPages(pa, "limit=5");
            for (int i = 1; i < byId.size(); i++) {
                assertTrue(byId.get(i - 1).path("credentialId").asText().compareTo(byId.get(i).path("credentialId").asText()) < 0,
                        "id order");
            }
            List<JsonNode> byUnused = allPages(pa, "limit=5&sort=unusedShare");
            for (int i = 1; i < byUnused.size(); i++) {
                assertTrue(share(byUnused.get(i - 1)) >= share(byUnused.get(i)), "unusedShare descending");
            }

            // filters, cluster-wide
            assertEquals(K8S_ACCOUNTS, allPages(pb, "kind=k8s_service_account").size());
            List<JsonNode> unknown = allPages(pa, "status=unknown");
            assertEquals(1, unknown.size());
            assertEquals(UNKNOWN_KEY, unknown.get(0).path("credentialId").asText());
            assertEquals(USED_KEYS + 1, allPages(pb, "source=cloudtrail").size(), "the used keys and the unknown one");

            // the summary
            JsonNode sa = get(pa, "/api/v1/summary");
            assertTrue(sa.path("rankedAt").isTextual(), sa.toString());
            assertEquals(withoutRankedAt(sa), withoutRankedAt(get(pb, "/api/v1/summary")), "the same counts from either instance");
            assertFalse(sa.path("partial").asBoolean(true), sa.toString());
            assertEquals(2, sa.path("instances").asInt());
            assertEquals(ALL, sa.path("credentials").asInt());
            assertEquals(AWS_KEYS, sa.path("byKind").path("aws_access_key").asInt());
            assertEquals(1, sa.path("byKind").path("unknown").asInt());
            assertEquals(ALL - USED_KEYS - 1, sa.path("neverUsed").asInt(), sa.toString());

            // every credential's view, and a used key's recommendation, from either instance
            for (JsonNode row : byId) {
                String path = "/api/v1/credentials/" + URLEncoder.encode(row.path("credentialId").asText(), UTF_8);
                assertEquals(get(pa, path), get(pb, path), path);
            }
            JsonNode used = get(pb, "/api/v1/credentials/" + awsKey(0));
            assertEquals("active", used.path("status").asText());
            assertEquals(List.of("s3:GetObject", "s3:ListBucket"), texts(used.path("recommendation").path("actions")));
            assertEquals(List.of("s3:GetObject"), texts(used.path("recommendation").path("diff").path("keep")));
            assertEquals(List.of("s3:List*", "ec2:*"), texts(used.path("recommendation").path("diff").path("remove")));
            assertEquals(List.of("s3:ListBucket"), texts(used.path("recommendation").path("diff").path("add")));
            HttpResponse<String> policyA = send(pa, "/api/v1/credentials/" + awsKey(0) + "/recommendation?format=aws-iam");
            HttpResponse<String> policyB = send(pb, "/api/v1/credentials/" + awsKey(0) + "/recommendation?format=aws-iam");
            assertEquals(200, policyA.statusCode(), policyA.body());
            assertEquals(policyA.body(), policyB.body());
            assertTrue(policyB.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"),
                    policyB.headers().map().toString());
            assertTrue(owners(a, byId).size() == 2, "credentials spread over both instances: " + owners(a, byId));

            // a first use of a never-used key: both instances' sorted list and summary follow once the indexes are rebuilt
            String newlyUsed = awsKey(USED_KEYS);
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null, ItRecords.cloudTrail("ev-new", newlyUsed,
                        "s3.amazonaws.com", "GetObject", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                                .toString())));
            }
            awaitBothFollow(pa, pb, newlyUsed, sa.path("neverUsed").asInt() - 1);
        }
    }

    /** Until both instances list {@code newest} first by last use and count {@code neverUsed}, with equal summaries. */
    private void awaitBothFollow(int pa, int pb, String newest, int neverUsed) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            JsonNode sa = withoutRankedAt(get(pa, "/api/v1/summary"));
            JsonNode sb = withoutRankedAt(get(pb, "/api/v1/summary"));
            List<JsonNode> fromA = allPages(pa, "sort=lastSeen&limit=4");
            List<JsonNode> fromB = allPages(pb, "sort=lastSeen&limit=4");
            last = "first " + fromA.get(0).path("credentialId").asText() + " / " + fromB.get(0).path("credentialId").asText()
                    + ", neverUsed " + sa.path("neverUsed") + " / " + sb.path("neverUsed");
            if (sa.equals(sb) && sa.path("neverUsed").asInt() == neverUsed && fromA.equals(fromB)
                    && fromA.get(0).path("credentialId").asText().equals(newest)) {
                assertEquals(ALL, fromA.size());
                return;
            }
            Thread.sleep(200); // poll interval of the deadline-bounded wait
        }
        throw new AssertionError("the sorted list and the summary did not follow the new use within " + DEADLINE + ": " + last);
    }

    private static JsonNode withoutRankedAt(JsonNode summary) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = summary.deepCopy();
        copy.remove("rankedAt");
        return copy;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private void publish(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String asOf = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String used = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < AWS_KEYS; i++) {
                inventory(producer, awsKey(i), "aws_access_key", i % 3 == 0 ? null : "team-" + (i % 2),
                        "[\"s3:GetObject\",\"s3:List*\",\"ec2:*\"]", asOf);
            }
            for (int i = 0; i < K8S_ACCOUNTS; i++) {
                inventory(producer, "system:serviceaccount:ns-" + (i % 2) + ":sa-" + i, "k8s_service_account", "team-k8s",
                        "[\"pods:get\",\"secrets:*\"]", asOf);
            }
            for (int i = 0; i < API_KEYS; i++) {
                inventory(producer, "orders-app-" + i, "api_key", "team-orders", "[\"GET /v1/orders/*\"]", asOf);
            }
            for (int i = 0; i < USED_KEYS; i++) {
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null,
                        ItRecords.cloudTrail("ev-get-" + i, awsKey(i), "s3.amazonaws.com", "GetObject", used)));
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null,
                        ItRecords.cloudTrail("ev-list-" + i, awsKey(i), "s3.amazonaws.com", "ListObjectsV2", used)));
            }
            producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null,
                    ItRecords.cloudTrail("ev-unknown", UNKNOWN_KEY, "s3.amazonaws.com", "GetObject", used)));
        }
    }

    private static void inventory(KafkaProducer<String, String> producer, String id, String kind, String owner, String grants,
            String asOf) {
        producer.send(new ProducerRecord<>("nhi.inventory", id, "{\"credentialId\":\"" + id + "\",\"kind\":\"" + kind + "\","
                + (owner == null ? "" : "\"owner\":\"" + owner + "\",") + "\"grants\":" + grants + ",\"asOf\":\"" + asOf + "\"}"));
    }

    /** Until both instances list every credential and every used key shows both of its uses. */
    private void awaitProcessed(int pa, int pb) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            try {
                List<JsonNode> rowsA = allPages(pa, "limit=1000&source=cloudtrail");
                List<JsonNode> all = allPages(pb, "limit=1000");
                int uses = 0;
                for (int i = 0; i < USED_KEYS; i++) {
                    uses += get(pa, "/api/v1/credentials/" + awsKey(i)).path("useCount").asInt();
                }
                last = all.size() + " listed, " + rowsA.size() + " seen in cloudtrail, " + uses + " uses";
                if (all.size() == ALL && rowsA.size() == USED_KEYS + 1 && uses == 2 * USED_KEYS) {
                    return;
                }
            } catch (AssertionError | java.io.IOException notYet) { // 503 while starting or rebalancing
                last = notYet.getMessage();
            }
            Thread.sleep(200); // poll interval of the deadline-bounded wait
        }
        throw new AssertionError("not processed within " + DEADLINE + ": " + last);
    }

    /** Every row of the list, following the cursor; each page from the cluster, never partial. */
    private List<JsonNode> allPages(int port, String query) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonNode page = get(port, "/api/v1/credentials?" + query + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals("cluster", page.path("scope").asText(), page.toString());
            assertFalse(page.path("partial").asBoolean(true), page.toString());
            page.path("credentials").forEach(rows::add);
            if (page.path("next").isNull()) {
                return rows;
            }
            cursor = page.path("next").asText();
        }
        throw new AssertionError("more than 100 pages for " + query);
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = send(port, path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double share(JsonNode row) {
        return row.path("unusedShare").isNumber() ? row.path("unusedShare").asDouble() : -1;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> owners(NhiDriftService s, List<JsonNode> rows) {
        Set<String> out = new HashSet<>();
        for (JsonNode r : rows) {
            var md = s.streams().queryMetadataForKey(Names.CREDENTIAL_STATE_STORE, r.path("credentialId").asText(),
                    Serdes.String().serializer());
            out.add(md.activeHost().host() + ":" + md.activeHost().port());
        }
        return out;
    }
}
