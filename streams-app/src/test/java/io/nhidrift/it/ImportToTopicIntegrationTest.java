package io.nhidrift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.cli.Main;
import io.nhidrift.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.IntegrationTest;

/** {@code import ... --topic} publishes inventory records, keyed by credentialId, to a real broker. */
@IntegrationTest
class ImportToTopicIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void importPublishesOneRecordPerServiceAccountKeyedByCredentialId() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"),
                "{\"bindings\":[{\"role\":\"roles/custom.reader\",\"members\":[\"serviceAccount:a@p.iam.gserviceaccount.com\","
                        + "\"serviceAccount:b@p.iam.gserviceaccount.com\"]}],\"version\":1}");
        Path role = Files.writeString(dir.resolve("role.json"),
                "{\"name\":\"roles/custom.reader\",\"includedPermissions\":[\"storage.objects.get\"]}");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of("nhi.inventory", 2), Set.of("nhi.inventory"));
            int rc = Main.execute("import", "gcp-iam", policy.toString(), role.toString(), "--topic", "nhi.inventory",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--out", dir.resolve("inv.ndjson").toString());
            assertEquals(0, rc);

            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "import-check");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of("nhi.inventory"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.size() < 2 && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(200)).forEach(got::add);
                }
            }
            assertEquals(2, got.size());
            ObjectMapper json = new ObjectMapper();
            for (ConsumerRecord<String, byte[]> r : got) {
                JsonNode v = json.readTree(new String(r.value(), StandardCharsets.UTF_8));
                assertEquals(r.key(), v.get("credentialId").asText());
                assertEquals("gcp_service_account", v.get("kind").asText());
                assertEquals("[\"storage.objects.get\"]", v.get("grants").toString());
                assertTrue(v.hasNonNull("asOf"));
            }
        }
    }
}
