package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.avro.Alert;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Avro alert topic with {@code registry.url} set the way the README's example sets it ({@code
 * http://<registry>/apis/registry/v2}), read by both kinds of consumer: Apicurio's deserializer (its own API, content
 * ids, the 4-byte id of the Confluent wire format) and a Confluent-wire-format reader resolving the id through the
 * Confluent-compatible API ({@code /apis/ccompat/v7/schemas/ids/{id}}). Both must give exactly the alerts of the JSON
 * topic.
 *
 * <p><b>The registry is a stand-in</b> ({@link RegistryStandIn}), not Apicurio Registry: no runnable Apicurio build
 * resolves from Maven Central (see README, "Schema registry"). The test proves the wire format and that the ids
 * nhi-drift writes are the ids its registry calls resolve; it does not prove what a real registry answers.
 */
@IntegrationTest
class AvroAlertRegistryIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AKIAREGISTRYKEY00001";

    @Test
    void apicurio_and_confluent_readers_read_the_alerts_nhi_drift_wrote(@TempDir Path stateDir) throws Exception {
        try (RegistryStandIn registry = new RegistryStandIn(); EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String registryUrl = registry.baseUrl() + "/apis/registry/v2";
            NhiDriftService service = NhiDriftService.start(AppConfig.from(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", "nhi-drift-registry-it", "state.dir", stateDir.toString(), "http.port", "0",
                    "topics.replication.factor", "1", "registry.url", registryUrl)));
            List<ConsumerRecord<byte[], byte[]>> avro;
            Set<String> jsonIds = new TreeSet<>();
            try (service; KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers())) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("nhi.inventory", KEY.getBytes(UTF_8), ("{\"credentialId\":\"" + KEY
                        + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],\"asOf\":\"2026-07-01T00:00:00Z\"}").getBytes(UTF_8)));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", ItRecords.cloudTrail("r-1", KEY, "iam.amazonaws.com",
                        "CreateUser", "2026-07-02T10:00:00Z").getBytes(UTF_8)));
                producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", ItRecords.cloudTrail("r-2", "AKIAREGISTRYUNLISTED",
                        "s3.amazonaws.com", "GetObject", "2026-07-02T10:01:00Z").getBytes(UTF_8)));
                producer.commitTransaction();
                try (TopicReader json = new TopicReader(kafka.bootstrapServers(), "nhi.alerts.json")) {
                    for (ConsumerRecord<byte[], byte[]> r : json.awaitUntil(l -> l.size() >= 2, DEADLINE)) {
                        jsonIds.add(JSON.readTree(r.value()).path("alertId").asText());
                    }
                }
                try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), "nhi.alerts")) {
                    avro = reader.awaitUntil(l -> l.size() >= 2, DEADLINE);
                }
            }
            assertEquals(2, jsonIds.size(), "OUT_OF_SCOPE_USE and UNKNOWN_CREDENTIAL in JSON: " + jsonIds);
            assertEquals(2, avro.size());

            Set<String> apicurioIds = new TreeSet<>();
            try (AvroKafkaDeserializer<Alert> apicurio = new AvroKafkaDeserializer<>()) {
                apicurio.configure(Map.of(SerdeConfig.REGISTRY_URL, registryUrl, SerdeConfig.ID_HANDLER,
                        Legacy4ByteIdHandler.class.getName(), SerdeConfig.USE_ID, "contentId", SerdeConfig.ENABLE_HEADERS, false,
                        AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true), false);
                for (ConsumerRecord<byte[], byte[]> r : avro) {
                    apicurioIds.add(apicurio.deserialize("nhi.alerts", r.headers(), r.value()).getAlertId());
                }
            }
            ConfluentWireReader confluent = new ConfluentWireReader(registry.baseUrl() + "/apis/ccompat/v7");
            Set<String> confluentIds = new TreeSet<>();
            for (ConsumerRecord<byte[], byte[]> r : avro) {
                assertEquals(0, r.value()[0], "magic byte of the Confluent wire format");
                GenericRecord alert = confluent.read(r.value());
                confluentIds.add(alert.get("alertId").toString());
                assertEquals(new String(r.key(), UTF_8), alert.get("credentialId").toString());
            }

            assertEquals(jsonIds, apicurioIds, "Apicurio's deserializer");
            assertEquals(jsonIds, confluentIds, "the Confluent-wire reader via /apis/ccompat/v7");
            assertEquals(1, registry.schemas(), "one alert schema registered");
            assertEquals(List.of(), registry.unanswered(), "requests the stand-in could not answer");
            assertTrue(registry.requests().stream().anyMatch(r -> r.startsWith("POST /apis/registry/v2/groups/")),
                    "nhi-drift registered the schema through Apicurio's API: " + registry.requests());
        }
    }
}
