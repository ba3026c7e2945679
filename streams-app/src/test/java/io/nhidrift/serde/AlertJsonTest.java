package io.nhidrift.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.Alert;
import io.nhidrift.testing.UnitTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON alert (CONTRACT section 4) gains team, contact, ownerless, riskScore and riskFactors, renaming nothing. */
@UnitTest
class AlertJsonTest {

    private static Alert.Builder alert() {
        return Alert.newBuilder().setAlertId("a1").setType("OUT_OF_SCOPE_USE").setSeverity("HIGH").setCredentialId("AKIA1")
                .setCredentialKind("aws_access_key").setEventTime(Instant.parse("2026-07-01T00:00:00Z")).setSummary("s")
                .setEvidenceJson("{}");
    }

    @Test
    void ownerTeamContactAndRiskAreWritten() {
        JsonNode n = AlertJson.toNode(alert().setOwner("alice").setTeam("payments").setContact("#pay").setOwnerless(false)
                .setRiskScore(29).setRiskFactorsJson("[{\"name\":\"unused-grants\",\"points\":15,\"detail\":\"2 of 2\"}]")
                .build());
        assertEquals("alice", n.path("owner").asText());
        assertEquals("payments", n.path("team").asText());
        assertEquals("#pay", n.path("contact").asText());
        assertFalse(n.path("ownerless").asBoolean(true));
        assertEquals(29, n.path("riskScore").asInt());
        assertEquals("unused-grants", n.path("riskFactors").get(0).path("name").asText());
        assertEquals(15, n.path("riskFactors").get(0).path("points").asInt());
    }

    @Test
    void anOwnerlessAlertSaysSoAndOmitsAbsentTeamAndContact() {
        JsonNode n = AlertJson.toNode(alert().setOwnerless(true).build());
        assertTrue(n.path("owner").isNull());
        assertTrue(n.path("ownerless").asBoolean());
        assertFalse(n.has("team"));
        assertFalse(n.has("contact"));
        assertFalse(n.has("riskScore"), "an alert written before risk scores has none");
    }
}
