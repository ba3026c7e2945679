package io.nhidrift.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.nhidrift.testing.IntegrationTest;

/**
 * Starts the in-process KRaft broker and proves that the single node supports what the app needs:
 * topic creation, transactional (EOS) producing, read_committed consuming in a consumer group with
 * committed offsets, and a clean shutdown that removes the data directory.
 */
@IntegrationTest
class EmbeddedKafkaTest {

    private static final String TOPIC = "embedded-test";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    @Timeout(120)
    void transactionalRoundTripOnSingleNode() throws Exception {
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        long startupMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("EmbeddedKafka startup: " + startupMs + " ms, bootstrap " + kafka.bootstrapServers());
        Path dataDir = kafka.dataDirectory();
        try {
            assertTrue(Files.isDirectory(dataDir));
            kafka.createTopics(Map.of(TOPIC, 2, "embedded-compacted", 1), Set.of("embedded-compacted"));
            kafka.createTopics(Map.of(TOPIC, 2), Set.of()); // already exists: ignored

            List<String> sent = List.of("a", "b", "c", "d", "e");
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-test-tx");
            pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(DEADLINE.toMillis()));
            try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (String v : sent) {
                    producer.send(new ProducerRecord<>(TOPIC, "k-" + v, v));
                }
                producer.commitTransaction();
            }

            Properties cp = new Properties();
            cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-test-group");
            cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<String> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (received.size() < sent.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        received.add(r.value());
                    }
                }
                consumer.commitSync(DEADLINE); // exercises the offsets topic
            }
            received.sort(null);
            assertEquals(sent, received);
        } finally {
            kafka.close();
        }
        assertFalse(Files.exists(dataDir), "log directory should be deleted on close: " + dataDir);
        kafka.close(); // idempotent
    }
}
