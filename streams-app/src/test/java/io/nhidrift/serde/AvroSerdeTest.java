package io.nhidrift.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.adapter.Events;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class AvroSerdeTest {

    @Test
    void usageEventRoundTripsThroughSingleObjectEncoding() {
        AvroSerde<UsageEvent> serde = AppSerdes.create(null).usageEvent();
        UsageEvent e = Events.builder("cloudtrail", "id-1", "AKIA1", "s3:GetObject", 1_700_000_000_000L).build();
        byte[] bytes = serde.toBytes(e);
        assertEquals((byte) 0xC3, bytes[0], "single-object encoding marker");
        assertEquals(e, serde.fromBytes(bytes));
    }

    private static CredentialState state() {
        return CredentialState.newBuilder().setCredentialId("AKIA1").setUseCount(7).setDeniedCount(1)
                .setFirstSeen(1_700_000_000_000L).setLastSeen(1_700_000_100_000L)
                .setActions(Map.of("s3:GetObject", ActionUsage.newBuilder().setCount(7).setFirstSeen(1L).setLastSeen(2L)
                        .setInScope(true).setScopeVersion(3).setMatchedGrants(List.of("s3:Get*")).build()))
                .setActionsOverflow(0).setNetworks(Map.of("10.1.2.0/24", 5L)).setAgents(Map.of("aws-cli", 6L))
                .setDeniedTimes(List.of(9L)).setRecentEventHashes(List.of(-1L, Long.MAX_VALUE))
                .setActiveConditions(Map.of()).setGrantsSince(Map.of("s3:Get*", 1L)).build();
    }

    @Test
    void writesExactlyTheBytesOfAvrosBinaryMessageEncoder() throws Exception {
        CredentialState s = state();
        byte[] avro = new BinaryMessageEncoder<CredentialState>(SpecificData.getForClass(CredentialState.class),
                CredentialState.getClassSchema()).encode(s).array();
        byte[] ours = AppSerdes.create(null).credentialState().toBytes(s);
        assertArrayEquals(avro, ours);
        assertEquals(s, new BinaryMessageDecoder<CredentialState>(SpecificData.getForClass(CredentialState.class),
                CredentialState.getClassSchema()).decode(ours));
    }

    @Test
    void readsStateWrittenWithAnOlderSchemaVersion() throws Exception {
        Schema current = CredentialState.getClassSchema();
        // the committed first version (schemas/history): the fields added since come last, so it encodes a prefix
        Schema older;
        try (var in = AvroSerde.class.getResourceAsStream("/schemas/history/CredentialState-v1.avsc")) {
            older = new Schema.Parser().parse(in);
        }
        CredentialState s = state();
        byte[] old = new BinaryMessageEncoder<CredentialState>(SpecificData.getForClass(CredentialState.class), older)
                .encode(s).array();
        assertEquals(s, new AvroSerde<>(CredentialState.class, current, List.of(older)).fromBytes(old));
        assertThrows(SerializationException.class, () -> new AvroSerde<>(CredentialState.class, current, List.of()).fromBytes(old),
                "a writer schema the serde was not given is refused");
    }

    @Test
    void refusesBytesWithoutTheHeaderOrWithAnUnknownSchema() {
        AvroSerde<CredentialState> serde = AppSerdes.create(null).credentialState();
        byte[] good = serde.toBytes(state());
        SerializationException noHeader = assertThrows(SerializationException.class,
                () -> serde.fromBytes(new byte[] {'{', '}', 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertTrue(noHeader.getMessage().contains("header"), noHeader.getMessage());
        byte[] unknown = good.clone();
        unknown[5] ^= 0x55;
        SerializationException fp = assertThrows(SerializationException.class, () -> serde.fromBytes(unknown));
        assertTrue(fp.getMessage().contains("fingerprint"), fp.getMessage());
        assertThrows(SerializationException.class, () -> serde.fromBytes(java.util.Arrays.copyOf(good, 14)));
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
