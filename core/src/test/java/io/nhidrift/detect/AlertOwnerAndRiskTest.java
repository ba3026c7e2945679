package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.avro.Alert;
import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

/** Alerts carry the inventory's owner, team and contact, mark credentials nobody owns, and carry the risk score. */
@UnitTest
class AlertOwnerAndRiskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOwnedCredentialsAlertCarriesOwnerTeamContactAndItsRisk() throws Exception {
        Alert a = DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE)
                .inventory("{\"credentialId\":\"" + DetectionFixture.KEY + "\",\"kind\":\"aws_access_key\","
                        + "\"owner\":\"alice\",\"team\":\"payments\",\"contact\":\"#payments-oncall\",\"costCentre\":\"42\","
                        + "\"grants\":[\"s3:GetObject\",\"kms:Decrypt\"],\"asOf\":\"2026-07-01T00:00:00Z\"}")
                .use("2026-07-02T10:00:00Z", "s3:DeleteObject")
                .findings().get(0);
        assertEquals("alice", a.getOwner());
        assertEquals("payments", a.getTeam());
        assertEquals("#payments-oncall", a.getContact());
        assertFalse(a.getOwnerless());
        // kms:Decrypt sensitive 8, both grants unused 15, access key 6, this alert's own condition armed 5
        assertEquals(8 + 15 + 6 + 5, a.getRiskScore());
        JsonNode factors = JSON.readTree(a.getRiskFactorsJson());
        assertEquals("unused-grants", factors.get(0).get("name").asText());
        assertEquals(15, factors.get(0).get("points").asInt());
        assertTrue(factors.get(0).get("detail").asText().contains("2 of 2"), factors.toString());
    }

    @Test
    void aCredentialWithoutOwnerIsMarkedOwnerless() {
        Alert a = DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE)
                .inventory("{\"credentialId\":\"" + DetectionFixture.KEY + "\",\"kind\":\"aws_role\","
                        + "\"grants\":[\"s3:GetObject\"],\"asOf\":\"2026-07-01T00:00:00Z\"}")
                .use("2026-07-02T10:00:00Z", "s3:DeleteObject")
                .findings().get(0);
        assertNull(a.getOwner());
        assertNull(a.getTeam());
        assertTrue(a.getOwnerless());
        assertTrue(a.getRiskFactorsJson().contains("\"ownerless\""), a.getRiskFactorsJson());
    }

    @Test
    void anUnknownCredentialIsOwnerlessAndScoredAsNotInventoried() {
        Alert a = DetectionFixture.of(AlertType.UNKNOWN_CREDENTIAL)
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .findings().get(0);
        assertTrue(a.getOwnerless());
        // not inventoried 10, this alert's condition 5
        assertEquals(15, a.getRiskScore());
    }
}
