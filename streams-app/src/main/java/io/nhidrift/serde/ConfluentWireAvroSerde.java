package io.nhidrift.serde;

import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.nhidrift.avro.Alert;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro in the Confluent wire format (magic byte 0, 4-byte schema id, binary body) through
 * Apicurio's serdes, so Confluent-compatible consumers and SIEM connectors can read the alert topic.
 */
public final class ConfluentWireAvroSerde {
    private ConfluentWireAvroSerde() {}

    public static Serde<Alert> forAlerts(String registryUrl) {
        Map<String, Object> config = config(registryUrl);
        AvroKafkaSerializer<Alert> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config, false);
        AvroKafkaDeserializer<Alert> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static Map<String, Object> config(String registryUrl) {
        Map<String, Object> c = new HashMap<>();
        c.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
        c.put(SerdeConfig.ENABLE_HEADERS, false);
        c.put(SerdeConfig.USE_ID, "contentId");
        c.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        if (registryUrl == null) {
            c.put(SerdeConfig.SCHEMA_RESOLVER, InMemorySchemaResolver.class.getName());
        } else {
            c.put(SerdeConfig.REGISTRY_URL, registryUrl);
            c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        }
        return c;
    }
}
