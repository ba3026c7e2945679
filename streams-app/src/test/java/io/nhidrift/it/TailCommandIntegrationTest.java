package io.nhidrift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nhidrift.cli.Main;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code tail} prints a topic's committed records one a line, control characters escaped, and never a record of an
 * aborted transaction (what the README's OCSF line relies on against {@code demo}).
 */
@IntegrationTest
class TailCommandIntegrationTest {

    @Test
    void printsCommittedRecordsOneALineEscapedAndSkipsAbortedOnes() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of("nhi.findings.ocsf", 2), Set.of());
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-test");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("nhi.findings.ocsf", 0, "k", "{\"n\":1}"));
                producer.send(new ProducerRecord<>("nhi.findings.ocsf", 1, "k", "{\"n\":2,\"x\":\"\u001b[31m\"}"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("nhi.findings.ocsf", 0, "k", "{\"aborted\":true}"));
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("nhi.findings.ocsf", 0, "k", "{\"n\":3}"));
                producer.commitTransaction();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream original = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int rc;
            try {
                // --idle is a deadline for the test, not a wait: the command returns as soon as it printed 3 records
                rc = Main.execute("tail", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "nhi.findings.ocsf",
                        "--from-beginning", "--max", "3", "--idle", "30s");
            } finally {
                System.setOut(original);
            }
            assertEquals(0, rc);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().sorted().toList();
            assertEquals(List.of("{\"n\":1}", "{\"n\":2,\"x\":\"\\u001b[31m\"}", "{\"n\":3}"), lines);
            assertFalse(out.toString(StandardCharsets.UTF_8).contains("aborted"), "read_committed");
        }
    }
}
