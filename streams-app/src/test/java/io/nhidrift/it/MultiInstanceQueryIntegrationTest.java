package io.nhidrift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.topology.Names;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.IntegrationTest;

/**
 * Two instances of the service share the work; either one answers for every credential, reading its
 * own store or forwarding to the instance that owns the key (interactive queries, three parts).
 */
@IntegrationTest
class MultiInstanceQueryIntegrationTest {

    private static final int CREDENTIALS = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    /** Both instances share the token set; a forwarded query carries the caller's token to the owner. */
    private static final String API_TOKEN = "multi-instance-read-token-0123456789";

    private static AppConfig config(String bootstrap, Path stateDir) {
        return AppConfig.from(Map.of("bootstrap.servers", bootstrap, "application.id", "nhi-drift-multi", "http.port", "0",
                "state.dir", stateDir.toString(), "topics.partitions", "4", "topics.replication.factor", "1",
                "commit.interval", "100ms", "http.auth.tokens", "read:" + API_TOKEN));
    }

    @Test
    void eitherInstanceAnswersForEveryCredential() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                NhiDriftService a = NhiDriftService.start(config(kafka.bootstrapServers(), stateA));
                NhiDriftService b = NhiDriftService.start(config(kafka.bootstrapServers(), stateB))) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < CREDENTIALS; i++) {
                    String id = id(i);
                    producer.send(new ProducerRecord<>("nhi.inventory", id, "{\"credentialId\":\"" + id
                            + "\",\"kind\":\"api_key\",\"grants\":[\"GET /v1/*\"],\"asOf\":\"2026-07-01T00:00:00Z\"}"));
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            Set<String> answered = new HashSet<>();
            while (answered.size() < CREDENTIALS && System.nanoTime() < deadline) {
                for (int i = 0; i < CREDENTIALS; i++) {
                    if (!answered.contains(id(i)) && known(http, a.httpPort(), id(i)) && known(http, b.httpPort(), id(i))) {
                        answered.add(id(i));
                    }
                }
                if (answered.size() < CREDENTIALS) {
                    Thread.sleep(100); // poll interval of the deadline-bounded wait
                }
            }
            assertEquals(CREDENTIALS, answered.size(), "credentials answered by both instances: " + answered);
            for (int i = 0; i < CREDENTIALS; i++) { // the token is checked on forwarded queries too: none is answered without it
                assertEquals(401, status(http, a.httpPort(), id(i), null));
                assertEquals(401, status(http, b.httpPort(), id(i), "Bearer wrong-token-0123456789abcdef"));
            }
            // both instances own some keys, so some answers above were forwarded
            assertTrue(owners(a.streams()).size() == 2, "keys spread over both instances: " + owners(a.streams()));
        }
    }

    private static String id(int i) {
        return "key-" + i;
    }

    private static Set<String> owners(KafkaStreams streams) {
        Set<String> hosts = new HashSet<>();
        for (int i = 0; i < CREDENTIALS; i++) {
            var md = streams.queryMetadataForKey(Names.CREDENTIAL_STATE_STORE, id(i), Serdes.String().serializer());
            hosts.add(md.activeHost().host() + ":" + md.activeHost().port());
        }
        return hosts;
    }

    private static int status(HttpClient http, int port, String id, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/credentials/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static boolean known(HttpClient http, int port, String id) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/credentials/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + API_TOKEN)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode n = JSON.readTree(r.body());
            return n.path("known").asBoolean(false) && id.equals(n.path("credentialId").asText());
        } catch (Exception e) {
            return false;
        }
    }
}
