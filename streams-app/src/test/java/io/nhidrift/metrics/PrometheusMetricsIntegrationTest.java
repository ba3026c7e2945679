package io.nhidrift.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of the real service on a real (embedded KRaft) broker, parsed by a Prometheus text-format
 * parser: the Kafka Streams client metrics, records by input format and outcome, alerts by type and severity,
 * punctuation, consumer lag per input topic-partition and state store sizes are there, with the values the
 * input implies, and every metric the Grafana dashboard queries is there. Where {@code promtool} is installed, it
 * parses the same scrape too.
 */
@IntegrationTest
class PrometheusMetricsIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Path DASHBOARD = Path.of("..", "docker", "grafana", "dashboards", "nhi-drift.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(nhidrift|kafka|jvm|process)_[a-z0-9_]+");
    private static final String TOKEN = "prometheus-it-read-token-0123456789";
    private static final String KNOWN = "AKIAPROMETHEUSKEY001";
    private static final String INVENTORY = """
            {"credentialId":"AKIAPROMETHEUSKEY001","kind":"aws_access_key","owner":"team-payments",\
            "grants":["s3:GetObject"],"asOf":"2026-07-01T00:00:00Z"}""";

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private NhiDriftService service;
    private String lastScrape;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void metricsAreThePrometheusTextFormatWithTheServicesMeters() throws Exception {
        kafka = EmbeddedKafka.start();
        service = NhiDriftService.start(AppConfig.from(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "nhi-drift-prom-it-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(),
                "http.port", "0",
                "topics.partitions", "2",
                "topics.replication.factor", "1",
                "commit.interval", "100ms",
                "detect.punctuate.interval", "200ms")).with(Map.of("http.auth.tokens", "read:" + TOKEN)));
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>("nhi.inventory", KNOWN.getBytes(UTF_8), INVENTORY.getBytes(UTF_8))).get();
            producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null, cloudTrail("e-1", "GetObject"))).get();
            producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null, cloudTrail("e-2", "DeleteObject"))).get();
            producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", null, "not json".getBytes(UTF_8))).get();
        }

        Map<String, String> normalized = Map.of("format", "cloudtrail", "outcome", "normalized");
        Map<String, String> deadLettered = Map.of("format", "cloudtrail", "outcome", "dead_lettered");
        Map<String, String> outOfScope = Map.of("type", "OUT_OF_SCOPE_USE", "severity", "HIGH");
        PrometheusText m = awaitScrape(p -> p.sum("nhidrift_records_total", normalized) >= 2
                && p.sum("nhidrift_records_total", deadLettered) >= 1
                && p.sum("nhidrift_alerts_total", outOfScope) >= 1
                && p.sum("nhidrift_punctuations_total", Map.of()) >= 1
                && p.sum("nhidrift_store_entries", Map.of("store", "credential-state-store")) >= 1
                && p.samples("nhidrift_consumer_lag_records", Map.of("topic", "nhi.raw.cloudtrail")).size() == 2);

        assertEquals("COUNTER", m.family("nhidrift_records_total").type());
        assertEquals(2, m.sum("nhidrift_records_total", normalized));
        assertEquals(1, m.sum("nhidrift_records_total", deadLettered));
        assertEquals(0, m.sum("nhidrift_records_total", Map.of("format", "cloudtrail", "outcome", "not_attributable")));
        assertEquals(List.of("aws-service", "malformed", "no-principal", "not-an-event", "other", "wrong-format"),
                m.samples("nhidrift_records_not_attributable_total", Map.of("format", "cloudtrail")).stream()
                        .map(s -> s.labels().get("reason")).sorted().toList());
        assertEquals(1, m.sum("nhidrift_alerts_total", outOfScope));
        assertEquals(0, m.sum("nhidrift_alerts_total", Map.of("type", "REVOKED_CREDENTIAL_USE", "severity", "CRITICAL")));
        assertEquals("GAUGE", m.family("nhidrift_punctuation_duration_max_seconds").type());
        assertTrue(m.sum("nhidrift_consumer_lag_records", Map.of("topic", "nhi.raw.cloudtrail")) >= 0);
        assertEquals(List.of("credential-state-store", "inventory-store", "time-index-store"),
                m.family("nhidrift_store_entries").samples().stream().map(s -> s.labels().get("store")).sorted().toList());
        // Kafka Streams client metrics through Micrometer's KafkaStreamsMetrics binder
        assertNotNull(m.family("kafka_stream_thread_process_total"), "Kafka Streams thread metrics: " + kafkaFamilies(m));
        assertNotNull(m.family("kafka_consumer_fetch_manager_records_lag_max"), "consumer metrics: " + kafkaFamilies(m));
        assertNotNull(m.family("kafka_stream_thread_punctuate_latency_avg"), "thread metrics: " + kafkaFamilies(m));
        assertNotNull(m.family("jvm_memory_used_bytes"));
        promtoolParses(lastScrape);
        everyDashboardMetricIsScraped(m);
    }

    /** Each metric the Grafana dashboard queries (docker/grafana/dashboards/nhi-drift.json) is in the scrape. */
    private static void everyDashboardMetricIsScraped(PrometheusText m) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher names = METRIC_NAME.matcher(target.path("expr").asText());
                while (names.find()) {
                    queried.add(names.group());
                }
            }
        }
        assertTrue(queried.size() >= 10, "the dashboard queries " + queried);
        for (String name : queried) {
            assertNotNull(m.family(name), "the dashboard queries " + name + ", which the service does not export");
        }
    }

    private PrometheusText awaitScrape(Predicate<PrometheusText> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        PrometheusText last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            lastScrape = r.body();
            last = PrometheusText.parse(r.body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200); // polling interval of the condition, not a wait for it
        }
        throw new AssertionError("the scrape did not show the expected meters within " + DEADLINE + ":\n"
                + (lastScrape == null ? "no scrape" : String.join("\n",
                        lastScrape.lines().filter(l -> l.startsWith("nhidrift")).toList())));
    }

    private static List<String> kafkaFamilies(PrometheusText m) {
        return m.families().keySet().stream().filter(n -> n.startsWith("kafka_stream")).sorted().limit(40).toList();
    }

    /** promtool (on the development machine; CI may not have it) must parse the same scrape without error. */
    private static void promtoolParses(String scrape) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            System.out.println("PrometheusMetricsIntegrationTest: no promtool here; the Java parser alone read the scrape");
            return;
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(scrape.getBytes(UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertTrue(out.lines().noneMatch(l -> l.contains("error while linting") || l.contains("parsing error")),
                "promtool cannot parse the scrape: " + out);
        System.out.println("PrometheusMetricsIntegrationTest: promtool check metrics parsed the scrape ("
                + out.lines().count() + " lint remarks)");
    }

    private static byte[] cloudTrail(String eventId, String eventName) {
        return ("""
                {"eventVersion":"1.09","eventID":"%s","eventTime":"2026-07-02T10:00:00Z","eventSource":"s3.amazonaws.com",\
                "eventName":"%s","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2.15.0",\
                "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/x",\
                "accountId":"123456789012","accessKeyId":"%s","userName":"x"},"recipientAccountId":"123456789012",\
                "eventType":"AwsApiCall"}""").formatted(eventId, eventName, KNOWN).getBytes(UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
