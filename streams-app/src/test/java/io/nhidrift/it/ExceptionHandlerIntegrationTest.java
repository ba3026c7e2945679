package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.PipelineHealth;
import io.nhidrift.app.StreamsProperties;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.http.QueryServer;
import io.nhidrift.testing.IntegrationTest;
import io.nhidrift.topology.DeadLetters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last line of defence on a real broker, with nhi-drift's Kafka Streams settings and health: a processor that
 * throws on one record (a bug the edge checks missed) no longer stops the pipeline — the record is dead-lettered with
 * the exception as reason, the records after it are processed, {@code /health} stays UP — while a stream thread that
 * dies (an {@link Error}) makes {@code /health} DOWN with the cause. The topology is a stand-in with a processor that
 * throws on demand, as the production processors no longer throw on any input we know.
 */
@IntegrationTest
class ExceptionHandlerIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IN = "it.handler.in";
    private static final String OUT = "it.handler.out";

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private KafkaStreams streams;
    private QueryServer http;
    private final HttpClient client = HttpClient.newHttpClient();

    /** Throws an exception on "poison" and an error (the thread dies) on "die"; forwards everything else. */
    static final class Exploding implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            if ("poison".equals(record.value())) {
                throw new IllegalStateException("cannot digest poison");
            }
            if ("die".equals(record.value())) {
                throw new StackOverflowError("simulated fatal error");
            }
            context.forward(record);
        }
    }

    @AfterEach
    void stop() {
        try {
            if (http != null) {
                http.close();
            }
            if (streams != null) {
                streams.close(Duration.ofSeconds(10)); // a replaced thread may wait for the dead one's session to expire
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void aThrowingProcessorDeadLettersTheRecordAndGoesOnButADeadThreadMakesHealthDown() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Map.of(IN, 1, OUT, 1, "nhi.dead-letters", 1), Set.of());
        AppConfig config = AppConfig.from(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "it-handlers-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(), "http.port", "0", "http.host", "127.0.0.1",
                "processing.guarantee", "exactly_once_v2"));
        config = config.with(Map.of("http.port", Integer.toString(freePort())));
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), IN);
        t.addProcessor("exploding", Exploding::new, "in");
        t.addSink("out", OUT, new StringSerializer(), new StringSerializer(), "exploding");
        PipelineHealth health = new PipelineHealth(config.healthFailureWindow(), Clock.systemUTC());
        streams = new KafkaStreams(t, StreamsProperties.of(config, health.deadLetterCounts()));
        streams.setUncaughtExceptionHandler(health);
        streams.start();
        http = QueryServer.start(streams, config, health::status);

        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers());
                TopicReader out = new TopicReader(kafka.bootstrapServers(), OUT);
                TopicReader dlq = new TopicReader(kafka.bootstrapServers(), "nhi.dead-letters")) {
            send(producer, "before", "poison", "after");
            List<ConsumerRecord<byte[], byte[]>> processed = out.awaitUntil(rs -> rs.size() >= 2, DEADLINE);
            assertEquals(List.of("before", "after"), processed.stream().map(r -> new String(r.value(), UTF_8)).toList(),
                    "the record after the poisoned one was processed");
            List<ConsumerRecord<byte[], byte[]>> dead = dlq.awaitUntil(rs -> !rs.isEmpty(), DEADLINE);
            assertEquals(1, dead.size());
            assertEquals("poison", new String(dead.get(0).value(), UTF_8), "the original bytes");
            assertEquals("processing failed in exploding: java.lang.IllegalStateException: cannot digest poison",
                    DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON));
            assertEquals(IN, DeadLetters.header(dead.get(0).headers(), DeadLetters.TOPIC));

            JsonNode up = awaitHealth(200, n -> "UP".equals(n.path("status").asText()));
            assertEquals(1, up.path("deadLetteredByHandler").path("processing").asLong(), up.toString());

            send(producer, "die");
            JsonNode down = awaitHealth(503, n -> "DOWN".equals(n.path("status").asText()));
            assertTrue(down.path("reason").asText().contains("java.lang.StackOverflowError: simulated fatal error"),
                    down.toString());
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String... values) {
        producer.beginTransaction();
        for (String v : values) {
            producer.send(new ProducerRecord<>(IN, "k".getBytes(UTF_8), v.getBytes(UTF_8)));
        }
        producer.commitTransaction();
    }

    private JsonNode awaitHealth(int status, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == status && done.test(JSON.readTree(r.body()))) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(100);
        }
        return fail("/health not " + status + " within 60 s; last answer: " + last);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
