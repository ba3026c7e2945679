package io.nhidrift.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.adapter.Events;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    @Test
    void usageEventRoundTripsThroughSingleObjectEncoding() {
        AvroSerde<UsageEvent> serde = AppSerdes.create(null).usageEvent();
        UsageEvent e = Events.builder("cloudtrail", "id-1", "AKIA1", "s3:GetObject", 1_700_000_000_000L).build();
        byte[] bytes = serde.toBytes(e);
        assertEquals((byte) 0xC3, bytes[0], "single-object encoding marker");
        assertEquals(e, serde.fromBytes(bytes));
    }

    @Test
    void alertsAreWrittenInConfluentWireFormat() {
        Serde<Alert> serde = ConfluentWireAvroSerde.forAlerts(null);
        Alert a = Alert.newBuilder().setAlertId("a1").setType("UNKNOWN_CREDENTIAL").setSeverity("MEDIUM")
                .setCredentialId("AKIA1").setSubject(List.of("x", "y")).setEventTime(Instant.parse("2026-07-01T00:00:00Z"))
                .setSummary("s").setEvidenceJson("{}").build();
        byte[] bytes = serde.serializer().serialize("nhi.alerts", a);
        assertEquals(0, bytes[0], "magic byte");
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(true, schemaId > 0);
        assertEquals(a, serde.deserializer().deserialize("nhi.alerts", bytes));
    }
}
