package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

/** OUT_OF_SCOPE_USE, UNKNOWN_CREDENTIAL and ENTITLEMENT_EXPANDED through the production topology. */
@TopologyTest
class ScopeDetectionTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private final DriftHarness h = new DriftHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void outOfScopeActionAlertsOncePerCredentialAndAction() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject", "s3:List*"));
        h.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
        h.use(KEY, "iam:CreateUser", "2026-07-02T01:00:00Z");
        h.use(KEY, "iam:CreateUser", "2026-07-02T02:00:00Z");
        h.use(KEY, "iam:DeleteUser", "2026-07-02T03:00:00Z");

        List<JsonNode> alerts = h.alerts("OUT_OF_SCOPE_USE");
        assertEquals(List.of("iam:CreateUser", "iam:DeleteUser"), alerts.stream().map(a -> a.get("subject").asText()).toList());
        JsonNode first = alerts.get(0);
        assertEquals("HIGH", first.get("severity").asText());
        assertEquals("team-a", first.get("owner").asText());
        assertEquals("aws_access_key", first.get("credentialKind").asText());
        assertEquals("2026-07-02T01:00:00Z", first.get("eventTime").asText());
        assertEquals("iam:CreateUser", first.at("/evidence/event/action").asText());
    }

    @Test
    void wildcardAndDifferentlyCasedGrantsCoverTheAction() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "S3:getobject", "s3:List*", "dynamodb:*", "sts:Get?allerIdentity"));
        h.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
        h.use(KEY, "s3:ListBucket", "2026-07-02T00:01:00Z");
        h.use(KEY, "dynamodb:PutItem", "2026-07-02T00:02:00Z");
        h.use(KEY, "sts:GetCallerIdentity", "2026-07-02T00:03:00Z");
        assertEquals(List.of(), h.types());
    }

    @Test
    void denyWinsOverGrant() {
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                + "\"denies\":[\"s3:Delete*\"],\"asOf\":\"2026-07-01T00:00:00Z\"}");
        h.use(KEY, "s3:PutObject", "2026-07-02T00:00:00Z");
        h.use(KEY, "s3:DeleteObject", "2026-07-02T00:01:00Z");
        assertEquals(List.of("OUT_OF_SCOPE_USE"), h.types());
        assertTrue(h.alerts().get(0).get("summary").asText().contains("explicitly denies"));
    }

    @Test
    void deniedCallIsAnAttemptNotAnOutOfScopeUse() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        h.event(h.call(KEY, "iam:CreateUser", "2026-07-02T00:00:00Z").setDenied(true).setErrorCode("AccessDenied").build());
        assertEquals(List.of(), h.types());
    }

    @Test
    void unknownCredentialAlertsOnce() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        h.use("AKIAUNKNOWN000000099", "s3:GetObject", "2026-07-02T00:00:00Z");
        h.use("AKIAUNKNOWN000000099", "iam:CreateUser", "2026-07-02T00:01:00Z");
        List<JsonNode> alerts = h.alerts();
        assertEquals(List.of("UNKNOWN_CREDENTIAL"), h.types());
        assertTrue(alerts.get(0).get("subject").isNull());
        assertEquals("AKIAUNKNOWN000000099", alerts.get(0).get("credentialId").asText());
    }

    @Test
    void entitlementExpandedNamesOnlyTheAddedPatterns() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        h.inventory(entitlement(KEY, "2026-08-01T00:00:00Z", "s3:GetObject", "iam:PassRole", "ec2:*"));
        List<JsonNode> alerts = h.alerts("ENTITLEMENT_EXPANDED");
        assertEquals(1, alerts.size());
        assertEquals("[\"ec2:*\",\"iam:PassRole\"]", alerts.get(0).get("subject").toString());
        assertEquals("2026-08-01T00:00:00Z", alerts.get(0).get("eventTime").asText());
    }

    @Test
    void ownerChangeRemovalAndRecasingAreNotExpansions() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject", "s3:PutObject"));
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"owner\":\"team-b\",\"purpose\":\"new\","
                + "\"grants\":[\"S3:GETOBJECT\"],\"asOf\":\"2026-07-15T00:00:00Z\"}");
        assertEquals(List.of(), h.types());
    }

    @Test
    void olderInventoryVersionArrivingLateIsIgnored() {
        h.inventory(entitlement(KEY, "2026-08-01T00:00:00Z", "s3:GetObject"));
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject", "iam:*"));
        h.use(KEY, "iam:CreateUser", "2026-08-02T00:00:00Z");
        assertEquals(List.of("OUT_OF_SCOPE_USE"), h.types());
    }

    @Test
    void widenedGrantEndsTheOutOfScopeCondition() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "iam:CreateUser", "2026-07-02T00:00:00Z");
        h.inventory(entitlement(KEY, "2026-07-03T00:00:00Z", "s3:GetObject", "iam:CreateUser"));
        h.use(KEY, "iam:CreateUser", "2026-07-04T00:00:00Z");
        h.inventory(entitlement(KEY, "2026-07-05T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "iam:CreateUser", "2026-07-06T00:00:00Z");
        assertEquals(List.of("OUT_OF_SCOPE_USE", "ENTITLEMENT_EXPANDED", "OUT_OF_SCOPE_USE"), h.types());
    }

    @Test
    void sameEventDeliveredTwiceYieldsOneAlert() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        var e = h.call(KEY, "iam:CreateUser", "2026-07-02T00:00:00Z").setEventId("dup-1").build();
        h.event(e);
        h.event(e);
        h.use("AKIAUNKNOWN000000099", "s3:GetObject", "2026-07-02T00:00:00Z");
        assertEquals(List.of("OUT_OF_SCOPE_USE", "UNKNOWN_CREDENTIAL"), h.types());
    }

    @Test
    void alertIdsAreDeterministicAndDistinct() {
        List<String> first = run();
        List<String> second = run();
        assertEquals(first, second);
        assertEquals(first.size(), first.stream().distinct().count());
    }

    private static List<String> run() {
        try (DriftHarness x = new DriftHarness()) {
            x.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
            x.use(KEY, "iam:CreateUser", "2026-07-02T00:00:00Z");
            x.use(KEY, "iam:DeleteUser", "2026-07-02T00:00:00Z");
            x.use("AKIAUNKNOWN000000099", "iam:CreateUser", "2026-07-02T00:00:00Z");
            return x.alerts().stream().map(a -> a.get("alertId").asText()).toList();
        }
    }
}
