package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.app.StartupException;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigLoader;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka client security passes through {@code kafka.*} keys: the service runs against a broker whose
 * only client listener it uses is SASL_PLAINTEXT/PLAIN, configured the way {@code --set} does it, and
 * wrong credentials stop the start with the broker's authentication error.
 */
@IntegrationTest
class KafkaSaslIntegrationTest {

    private static final String USER = "nhi-drift";
    private static final String PASSWORD = "sasl-it-secret";
    private static final String KEY = "AKIAEXAMPLESASL00001";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    /** The keys a user passes as {@code --set kafka.security.protocol=SASL_PLAINTEXT ...}. */
    private static Map<String, String> sasl(String password) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kafka.security.protocol", "SASL_PLAINTEXT");
        m.put("kafka.sasl.mechanism", "PLAIN");
        m.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + USER + "\" password=\"" + password + "\";");
        return m;
    }

    private AppConfig config(String bootstrap, String password) {
        Map<String, String> cli = new LinkedHashMap<>(sasl(password));
        cli.put("bootstrap.servers", bootstrap);
        cli.put("application.id", "nhi-drift-sasl-" + UUID.randomUUID().toString().substring(0, 8));
        cli.put("state.dir", stateDir.toString());
        cli.put("http.port", "0");
        cli.put("topics.partitions", "1");
        cli.put("topics.replication.factor", "1");
        cli.put("commit.interval", "100ms");
        return new ConfigLoader().overrides(cli).load(); // the --set layer of run/demo
    }

    @Test
    void the_service_consumes_and_produces_over_sasl_plain_and_wrong_credentials_fail_clearly() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startWithSaslPlain(Map.of(USER, PASSWORD))) {
            StartupException wrong = assertThrows(StartupException.class,
                    () -> NhiDriftService.start(config(kafka.saslBootstrapServers(), "not-the-password")).close());
            assertTrue(wrong.getMessage().contains("Authentication failed"), wrong.getMessage());
            assertTrue(!wrong.getMessage().contains("not-the-password"), "the password must not be echoed: " + wrong.getMessage());

            AppConfig config = config(kafka.saslBootstrapServers(), PASSWORD);
            try (NhiDriftService service = NhiDriftService.start(config);
                    KafkaProducer<String, String> producer = producer(config)) {
                producer.send(new ProducerRecord<>("nhi.inventory", KEY, "{\"credentialId\":\"" + KEY
                        + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],\"asOf\":\"2026-07-01T00:00:00Z\"}")).get();
                awaitKnown(service); // consumed over SASL; the event below must find the credential inventoried
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null,
                        ItRecords.cloudTrail("e-sasl-1", KEY, "iam.amazonaws.com", "CreateUser", "2026-07-02T10:00:00Z"))).get();

                JsonNode alert = awaitAlert(config, "OUT_OF_SCOPE_USE"); // produced over SASL, in a transaction
                assertEquals(KEY, alert.path("credentialId").asText());
                assertEquals("iam:CreateUser", alert.path("subject").asText());
            }
        }
    }

    /** A producer from the same pass-through keys the service's clients get. */
    private static KafkaProducer<String, String> producer(AppConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static JsonNode awaitAlert(AppConfig config, String type) throws Exception {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(config.topics().alertsJson()));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode n = JSON.readTree(r.value().getBytes(UTF_8));
                    if (type.equals(n.path("type").asText())) {
                        return n;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " alert over SASL within " + DEADLINE.toSeconds() + " s");
    }

    private static void awaitKnown(NhiDriftService service) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(service, "/api/v1/credentials/" + KEY);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && JSON.readTree(r.body()).path("known").asBoolean(false)) {
                return;
            }
            Thread.sleep(100); // poll interval of the deadline-bounded wait
        }
        throw new AssertionError(KEY + " not known over SASL within " + DEADLINE.toSeconds() + " s; last answer: " + last);
    }

    private static HttpResponse<String> get(NhiDriftService service, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
