package io.nhidrift.ocsf;

import static io.nhidrift.detect.DetectionFixture.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each part of an alert becomes in its OCSF finding, on alerts the engine raised. */
@UnitTest
class OcsfFindingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OcsfValidator validator = new OcsfValidator(OcsfSchema.fromBuild());

    private static Alert outOfScope() {
        return DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE).alone()
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .use("2026-07-02T10:00:00Z", "iam:CreateUser", "203.0.113.9", "python-requests/2.31")
                .findings().get(0);
    }

    @Test
    void aDetectionFindingCarriesTheAlertsIdentitySeverityAndText() {
        Alert a = outOfScope();
        JsonNode f = OcsfFindings.toNode(a, "9.9.9");
        assertEquals(2004, f.get("class_uid").asInt());
        assertEquals(200401, f.get("type_uid").asLong());
        assertEquals(a.getAlertId(), f.at("/finding_info/uid").asText());
        assertEquals(a.getAlertId(), f.at("/metadata/uid").asText());
        assertEquals(a.getSummary(), f.at("/finding_info/desc").asText());
        assertEquals("Out of scope use: " + DetectionFixture.KEY, f.at("/finding_info/title").asText());
        assertEquals("OUT_OF_SCOPE_USE", f.at("/finding_info/analytic/uid").asText());
        assertEquals("[\"OUT_OF_SCOPE_USE\",\"NHI5:2025 Overprivileged NHI\"]", f.at("/finding_info/types").toString());
        assertEquals(4, f.get("severity_id").asInt());
        assertEquals("High", f.get("severity").asText());
        assertEquals(1, f.get("status_id").asInt());
        assertEquals(a.getEventTime().toEpochMilli(), f.get("time").asLong());
        assertEquals(a.getEventTime().toEpochMilli(), f.at("/finding_info/first_seen_time").asLong());
        assertEquals("nhi-drift", f.at("/metadata/product/name").asText());
        assertEquals("9.9.9", f.at("/metadata/product/version").asText());
        assertEquals("1.8.0", f.at("/metadata/version").asText());
        assertEquals(a.getRemediation(), f.at("/remediation/desc").asText());
    }

    @Test
    void theCredentialIsTheTargetResourceWithItsKindAndOwner() {
        JsonNode r = OcsfFindings.toNode(outOfScope(), "1").at("/resources/0");
        assertEquals(DetectionFixture.KEY, r.get("uid").asText());
        assertEquals("aws_access_key", r.get("type").asText());
        assertEquals("team-a", r.at("/owner/name").asText());
        assertEquals(1, r.get("role_id").asInt());
    }

    @Test
    void theEvidenceEventBecomesApiOperationEndpointAndUserAgent() {
        Alert a = outOfScope();
        JsonNode e = OcsfFindings.toNode(a, "1").at("/evidences/0");
        assertEquals("iam:CreateUser", e.at("/api/operation").asText());
        assertEquals("203.0.113.9", e.at("/src_endpoint/ip").asText());
        assertEquals("python-requests/2.31", e.at("/http_request/user_agent").asText());
        assertEquals(DetectionFixture.KEY, e.at("/actor/user/programmatic_credentials/0/uid").asText());
        assertEquals(readTree(a.getEvidenceJson()), e.get("data"));
    }

    @Test
    void theAttackMappingBecomesTechniqueSubTechniqueAndTactics() {
        JsonNode attacks = OcsfFindings.toNode(outOfScope(), "1").get("attacks");
        assertEquals(4, attacks.size(), "T1078 serves four tactics: " + attacks);
        assertEquals("T1078", attacks.at("/0/technique/uid").asText());
        assertEquals("Valid Accounts", attacks.at("/0/technique/name").asText());
        assertEquals("T1078.004", attacks.at("/0/sub_technique/uid").asText());
        assertEquals("Cloud Accounts", attacks.at("/0/sub_technique/name").asText());
        assertTrue(attacks.findValuesAsText("uid").contains("TA0001"), attacks.toString());
        assertEquals(attacks, OcsfFindings.toNode(outOfScope(), "1").at("/finding_info/attacks"));
    }

    @Test
    void anUnusedEntitlementIsAnIamAnalysisFindingAboutTheIdentity() {
        Alert a = DetectionFixture.of(AlertType.UNUSED_ENTITLEMENT)
                .inventory(entitlement("2026-01-01T00:00:00Z", "s3:Get*", "s3:PutObject", "iam:*"))
                .use("2026-02-01T00:00:00Z", "s3:GetObject")
                .until("2026-04-15T00:00:00Z")
                .findings().get(0);
        JsonNode f = OcsfFindings.toNode(a, "1");
        assertEquals(2008, f.get("class_uid").asInt());
        assertEquals(200801, f.get("type_uid").asLong());
        assertEquals(DetectionFixture.KEY, f.at("/user/uid").asText());
        assertEquals(2, f.at("/permission_analysis_results/0/unused_privileges_count").asInt());
        assertEquals("[\"s3:Get*\",\"s3:PutObject\",\"iam:*\"]", f.at("/permission_analysis_results/0/granted_privileges").toString());
        assertEquals(List.of(), validator.validate(f));
    }

    @Test
    void optionalOwnerAndRiskFieldsAreMappedWhenTheAlertCarriesThem() {
        Alert real = outOfScope();
        Alert withExtras = Alert.newBuilder(real).setTeam("payments").setContact("payments-oncall@example.com")
                .setOwnerless(false).setRiskScore(72)
                .setRiskFactorsJson("[{\"name\":\"wildcard grants\",\"points\":20,\"detail\":\"s3:*\"}]").build();
        JsonNode f = OcsfFindings.toNode(withExtras, "1");
        assertEquals(72, f.get("risk_score").asInt());
        assertEquals(3, f.get("risk_level_id").asInt());
        assertEquals("High", f.get("risk_level").asText());
        assertEquals("wildcard grants +20 (s3:*)", f.get("risk_details").asText());
        assertEquals("payments", f.at("/resources/0/group/name").asText());
        assertTrue(f.at("/finding_info/tags").toString().contains("payments-oncall@example.com"));
        assertEquals(List.of(), validator.validate(f));
        assertFalse(OcsfFindings.toNode(Alert.newBuilder(real).setRiskScore(null).build(), "1").has("risk_score"),
                "no risk attributes without a risk score");
    }

    @Test
    void aNonIpCallerIsANamedEndpointNotAnIp() {
        Alert a = DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE).alone()
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .use("2026-07-02T10:00:00Z", "iam:CreateUser", "AWS Internal", "AWS Internal")
                .findings().get(0);
        JsonNode f = OcsfFindings.toNode(a, "1");
        assertEquals("AWS Internal", f.at("/evidences/0/src_endpoint/name").asText());
        assertFalse(f.at("/evidences/0/src_endpoint").has("ip"));
        assertEquals(List.of(), validator.validate(f));
    }

    @Test
    void anIpv6CallerIsAnIpAndAValidFinding() {
        Alert a = DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE).alone()
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .use("2026-07-02T10:00:00Z", "iam:CreateUser", "2001:db8:0:1::42", "curl/8.5.0")
                .findings().get(0);
        JsonNode f = OcsfFindings.toNode(a, "1");
        assertEquals("2001:db8:0:1::42", f.at("/evidences/0/src_endpoint/ip").asText());
        assertEquals(List.of(), validator.validate(f));
    }

    @Test
    void theBytesAreTheTreeAndTheVersionComesFromTheBuild() {
        Alert a = outOfScope();
        assertEquals(OcsfFindings.toNode(a, "2.0").toString(), new String(OcsfFindings.toJson(a, "2.0"), java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(ProductVersion.current().equals("unknown") || ProductVersion.current().contains("${"), ProductVersion.current());
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
