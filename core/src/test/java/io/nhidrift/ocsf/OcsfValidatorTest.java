package io.nhidrift.ocsf;

import static io.nhidrift.detect.DetectionFixture.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema validator rejects what OCSF 1.8.0 forbids, with a message naming the path and the rule: each case
 * breaks one thing in a valid finding made from an alert the engine raised.
 */
@UnitTest
class OcsfValidatorTest {

    private static OcsfValidator validator;
    private static Alert alert;

    @BeforeAll
    static void load() {
        validator = new OcsfValidator(OcsfSchema.fromBuild());
        List<Alert> alerts = DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE).alone()
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .use("2026-07-02T10:00:00Z", "iam:CreateUser")
                .findings();
        assertEquals(1, alerts.size());
        alert = alerts.get(0);
    }

    private static ObjectNode finding() {
        return OcsfFindings.toNode(alert, "1.2.3");
    }

    private static List<String> errorsAfter(Consumer<ObjectNode> breakIt) {
        ObjectNode f = finding();
        breakIt.accept(f);
        return validator.validate(f);
    }

    private static void rejected(Consumer<ObjectNode> breakIt, String expectedPart) {
        List<String> errors = errorsAfter(breakIt);
        assertTrue(errors.stream().anyMatch(e -> e.contains(expectedPart)), "expected an error containing '" + expectedPart
                + "', got " + errors);
    }

    @Test
    void theSchemaIsOcsf180() {
        assertEquals("1.8.0", OcsfSchema.fromBuild().version());
        assertEquals(OcsfFindings.SCHEMA_VERSION, OcsfSchema.fromBuild().version());
    }

    @Test
    void theUnbrokenFindingIsValid() {
        assertEquals(List.of(), validator.validate(finding()));
    }

    @Test
    void aMissingRequiredAttributeIsNamed() {
        rejected(f -> f.remove("finding_info"), "$: required attribute 'finding_info' of detection_finding is missing");
        rejected(f -> ((ObjectNode) f.get("finding_info")).remove("uid"), "$.finding_info: required attribute 'uid' of finding_info is missing");
        rejected(f -> ((ObjectNode) f.get("metadata")).remove("product"), "$.metadata: required attribute 'product'");
        rejected(f -> f.remove("time"), "required attribute 'time'");
    }

    @Test
    void anAttributeTheClassDoesNotDefineIsRejected() {
        rejected(f -> f.put("credential_id", "AKIA"), "$.credential_id: detection_finding defines no attribute 'credential_id'");
        rejected(f -> f.putObject("actor").put("app_name", "x"), "$.actor: attribute of profile 'host', which metadata.profiles does not declare");
        rejected(f -> ((ObjectNode) f.withArray("evidences").get(0).get("actor").get("user")).put("credential_uid", "AKIA"),
                "$.evidences[0].actor.user.credential_uid: deprecated since 1.6.0");
        rejected(f -> ((ObjectNode) f.get("finding_info")).put("owasp", "NHI5"), "$.finding_info.owasp: finding_info defines no attribute");
    }

    @Test
    void wrongTypesAreRejected() {
        rejected(f -> f.put("time", "2026-07-02T10:00:00Z"), "$.time: \"2026-07-02T10:00:00Z\" is not a long_t");
        rejected(f -> f.put("severity_id", 4.5), "$.severity_id: 4.5 is not a integer_t");
        rejected(f -> f.put("message", 42), "$.message: 42 is not a string_t");
        rejected(f -> ((ObjectNode) f.get("finding_info")).put("types", "OUT_OF_SCOPE_USE"), "$.finding_info.types: an array of string_t expected");
        rejected(f -> f.put("metadata", "nhi-drift"), "$.metadata: a metadata object expected");
        rejected(f -> f.putNull("risk_score"), "$.risk_score: null");
    }

    @Test
    void typeConstraintsAreChecked() {
        rejected(f -> ((ObjectNode) f.withArray("evidences").get(0)).putObject("src_endpoint").put("ip", "AWS Internal"),
                "$.evidences[0].src_endpoint.ip: \"AWS Internal\" does not match the pattern of ip_t");
    }

    @Test
    void enumValuesAndTheirCaptionsAreChecked() {
        rejected(f -> f.put("severity_id", 7), "$.severity_id: 7 is not one of the enum values");
        rejected(f -> f.put("severity", "Severe"), "severity_id 4 is \"High\" but severity says \"Severe\"");
        rejected(f -> f.put("status_id", 9), "$.status_id: 9 is not one of the enum values");
        rejected(f -> ((ObjectNode) f.get("finding_info").get("analytic")).put("type_id", 42), "$.finding_info.analytic.type_id: 42");
    }

    @Test
    void computedIdsMustAgree() {
        rejected(f -> f.put("type_uid", 200402), "$.type_uid: 200402, the schema computes 200401");
        rejected(f -> f.put("category_uid", 3), "$.category_uid: 3, the schema computes 2");
        rejected(f -> f.put("class_uid", 9999), "$.class_uid: 9999 is not a class");
    }

    @Test
    void profilesGateTheirAttributes() {
        rejected(f -> f.put("priority_id", 1), "$.priority_id: attribute of profile 'incident'");
        rejected(f -> f.withArray("/metadata/profiles").removeAll(), "$.attacks: attribute of profile 'security_control'");
        rejected(f -> f.withArray("/metadata/profiles").add("no-such-profile"), "no profile 'no-such-profile'");
        rejected(f -> f.withArray("/metadata/profiles").add("cloud"), "required attribute 'cloud' of detection_finding is missing");
    }

    @Test
    void theDatetimeProfileAllowsRfc3339SiblingsOfTimestamps() {
        ObjectNode f = finding();
        f.withArray("/metadata/profiles").add("datetime");
        f.put("time_dt", "2026-07-02T10:00:00Z");
        assertEquals(List.of(), validator.validate(f));
        rejected(f2 -> {
            f2.withArray("/metadata/profiles").add("datetime");
            f2.put("time_dt", "July 2nd");
        }, "$.time_dt: \"July 2nd\" does not match the pattern of datetime_t");
        rejected(f2 -> f2.put("time_dt", "2026-07-02T10:00:00Z"), "$.time_dt: detection_finding defines no attribute 'time_dt'");
        rejected(f2 -> {
            f2.withArray("/metadata/profiles").add("datetime");
            f2.put("message_dt", "2026-07-02T10:00:00Z");
        }, "defines no attribute 'message_dt'");
    }

    @Test
    void objectConstraintsAndDeprecationsAreChecked() {
        rejected(f -> {
            ObjectNode attack = (ObjectNode) f.withArray("attacks").get(0);
            attack.remove("technique");
            attack.remove("sub_technique");
            attack.remove("tactic");
            attack.put("version", "v17");
        }, "$.attacks[0]: attack needs at least one of [tactic, technique, sub_technique]");
        rejected(f -> ((ObjectNode) f.withArray("attacks").get(0)).putArray("tactics").addObject().put("uid", "TA0001"),
                "$.attacks[0].tactics: deprecated since 1.1.0");
    }
}
