package io.nhidrift.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.testing.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * Data written before owners and risk (Alert v1, Entitlement v2) reads with today's classes: the added fields take
 * their defaults (no team, no contact, not marked ownerless, no risk score), nothing else changes.
 */
@UnitTest
class AlertSchemaEvolutionTest {

    private static Schema history(String file) throws IOException {
        return new Schema.Parser().parse(Path.of(System.getProperty("nhidrift.schemas", "../schemas"), "history", file).toFile());
    }

    private static <T> T readAs(Class<T> type, Schema writer, Schema reader, GenericRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(r, enc);
        enc.flush();
        return new SpecificDatumReader<T>(writer, reader).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    @Test
    void aVersionOneAlertReadsWithoutTeamRiskOrOwnerlessMark() throws IOException {
        Schema v1 = history("Alert-v1.avsc");
        GenericRecord r = new GenericData.Record(v1);
        r.put("alertId", "a1");
        r.put("type", "OUT_OF_SCOPE_USE");
        r.put("severity", "HIGH");
        r.put("credentialId", "AKIA1");
        r.put("owner", "team-payments");
        r.put("eventTime", 1_780_000_000_000L);
        r.put("summary", "s");
        r.put("evidenceJson", "{}");
        Alert a = readAs(Alert.class, v1, Alert.getClassSchema(), r);
        assertEquals("team-payments", a.getOwner());
        assertNull(a.getTeam());
        assertNull(a.getContact());
        assertFalse(a.getOwnerless());
        assertNull(a.getRiskScore());
        assertNull(a.getRiskFactorsJson());
    }

    @Test
    void aVersionTwoEntitlementReadsWithoutTeamOrContact() throws IOException {
        Schema v2 = history("Entitlement-v2.avsc");
        GenericRecord r = new GenericData.Record(v2);
        r.put("credentialId", "AKIA1");
        r.put("kind", "aws_access_key");
        r.put("owner", "alice");
        r.put("grants", List.of("s3:GetObject"));
        r.put("denies", List.of());
        Entitlement e = readAs(Entitlement.class, v2, Entitlement.getClassSchema(), r);
        assertEquals("alice", e.getOwner());
        assertEquals(List.of("s3:GetObject"), e.getGrants());
        assertNull(e.getTeam());
        assertNull(e.getContact());
    }
}
