package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.app.PipelineHealth;
import io.nhidrift.app.StreamsProperties;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * A record the broker refuses (a timestamp beyond {@code message.timestamp.after.max.ms} on a CreateTime topic), on a
 * real broker: it cannot be skipped (its batch-mates are valid), so the pipeline's health turns DOWN naming the topic
 * and the broker's reason, which the operator can act on.
 */
@IntegrationTest
class ProductionHandlerIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String IN = "it.production.in";
    private static final String OUT = "it.production.out";

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private KafkaStreams streams;

    /** Forwards each value with the record timestamp it names ("future" = 2099). */
    static final class Stamping implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            long ts = "future".equals(record.value()) ? Instant.parse("2099-01-01T00:00:00Z").toEpochMilli()
                    : Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
            context.forward(record.withTimestamp(ts));
        }
    }

    @AfterEach
    void stop() {
        try {
            if (streams != null) {
                streams.close(Duration.ofSeconds(10));
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void underExactlyOnceARefusedRecordMakesHealthDownWithTheBrokersReason() throws Exception {
        PipelineHealth health = start("exactly_once_v2");
        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers())) {
            send(producer, "future");
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (health.status().up() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(!health.status().up(), "DOWN within 60 s");
            assertTrue(health.status().reason().contains("the broker refused a record for " + OUT
                    + ": org.apache.kafka.common.errors.InvalidTimestampException"), health.status().reason());
        }
    }

    private PipelineHealth start(String guarantee) {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Map.of(IN, 1, OUT, 1, "nhi.dead-letters", 1), Set.of());
        AppConfig config = AppConfig.from(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "it-production-" + UUID.randomUUID().toString().substring(0, 8),
                "state.dir", stateDir.toString(), "http.port", "0", "processing.guarantee", guarantee));
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), IN);
        t.addProcessor("stamping", Stamping::new, "in");
        t.addSink("out", OUT, new StringSerializer(), new StringSerializer(), "stamping");
        PipelineHealth health = new PipelineHealth(Duration.ofMinutes(5), Clock.systemUTC());
        streams = new KafkaStreams(t, StreamsProperties.of(config, health.deadLetterCounts()));
        streams.setUncaughtExceptionHandler(health);
        streams.start();
        return health;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String... values) {
        producer.beginTransaction();
        for (String v : values) {
            producer.send(new ProducerRecord<>(IN, "k".getBytes(UTF_8), v.getBytes(UTF_8)));
        }
        producer.commitTransaction();
    }
}
