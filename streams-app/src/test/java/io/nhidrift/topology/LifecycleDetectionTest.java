package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

/** IDLE_CREDENTIAL, DORMANT_REACTIVATED, EXPIRED/REVOKED_CREDENTIAL_USE and ROTATION_OVERDUE in event time. */
@TopologyTest
class LifecycleDetectionTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private final DriftHarness h = new DriftHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void idleFiresAtTheInstantTheConditionBecameTrueThenDormantOnReuse() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
        h.use(KEY, "s3:GetObject", "2026-08-15T00:00:00Z");

        assertEquals(List.of("IDLE_CREDENTIAL", "DORMANT_REACTIVATED"), h.types());
        JsonNode idle = h.alerts().get(0);
        assertEquals("2026-08-01T00:00:00Z", idle.get("eventTime").asText());
        assertEquals("LOW", idle.get("severity").asText());
        JsonNode dormant = h.alerts().get(1);
        assertEquals("2026-08-15T00:00:00Z", dormant.get("eventTime").asText());
        assertEquals("s3:GetObject", dormant.get("subject").asText());
    }

    @Test
    void idleIsNotRepeatedWhileTheCredentialStaysIdleButFiresAgainAfterAnotherSpell() {
        h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "s3:GetObject", "2026-01-02T00:00:00Z");
        h.use("AKIAOTHER00000000001", "s3:GetObject", "2026-03-01T00:00:00Z");
        h.use("AKIAOTHER00000000001", "s3:GetObject", "2026-04-01T00:00:00Z");
        h.use(KEY, "s3:GetObject", "2026-05-01T00:00:00Z");
        h.use("AKIAOTHER00000000001", "s3:GetObject", "2026-07-01T00:00:00Z");
        List<String> idle = h.alerts("IDLE_CREDENTIAL").stream().map(a -> a.get("eventTime").asText()).toList();
        assertEquals(List.of("2026-02-01T00:00:00Z", "2026-05-31T00:00:00Z"), idle);
        assertEquals(1, h.alerts("DORMANT_REACTIVATED").size());
    }

    @Test
    void useEvery25DaysWithA30DayThresholdIsNeverIdle() {
        h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:GetObject"));
        for (int i = 0; i < 8; i++) {
            h.use(KEY, "s3:GetObject", java.time.Instant.parse("2026-01-02T00:00:00Z").plus(java.time.Duration.ofDays(25L * i)).toString());
        }
        assertEquals(List.of(), h.types());
    }

    @Test
    void neverUsedCredentialIsIdle30DaysAfterItBecameKnown() {
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],"
                + "\"createdAt\":\"2026-07-10T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}");
        h.use("AKIAOTHER00000000001", "s3:GetObject", "2026-08-20T00:00:00Z");
        List<JsonNode> idle = h.alerts("IDLE_CREDENTIAL");
        assertEquals(1, idle.size());
        assertEquals("2026-08-09T00:00:00Z", idle.get(0).get("eventTime").asText());
        assertEquals(KEY, idle.get(0).get("credentialId").asText());
    }

    @Test
    void idleIsDatedFromTheInventorysLastUsedAtThenDormantOnTheNextUse() {
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_role\",\"grants\":[\"s3:GetObject\"],"
                + "\"lastUsedAt\":\"2026-05-22T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}");
        h.use(KEY, "s3:GetObject", "2026-07-05T00:00:00Z");

        assertEquals(List.of("IDLE_CREDENTIAL", "DORMANT_REACTIVATED"), h.types());
        JsonNode idle = h.alerts().get(0);
        assertEquals("2026-06-21T00:00:00Z", idle.get("eventTime").asText()); // lastUsedAt + 30 days, not asOf + 30 days
        assertEquals("2026-05-22T00:00:00Z", idle.get("evidence").get("lastUsed").asText());
        JsonNode dormant = h.alerts().get(1);
        assertEquals("2026-07-05T00:00:00Z", dormant.get("eventTime").asText());
        assertEquals("s3:GetObject", dormant.get("subject").asText());
    }

    @Test
    void wallClockPunctuationFiresIdleWhenThePartitionIsSilent() {
        try (DriftHarness live = new DriftHarness(Map.of("detect.allowed-lateness", "15m"), TimeMode.LIVE)) {
            live.wallClock("2026-07-02T00:01:00Z");
            live.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
            live.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
            live.wallClock("2026-07-31T23:59:00Z");
            assertEquals(List.of(), live.types());
            live.wallClock("2026-08-01T00:10:00Z");
            assertEquals(List.of(), live.types(), "still inside the allowed lateness");
            live.wallClock("2026-08-01T00:16:00Z");
            assertEquals(List.of("IDLE_CREDENTIAL"), live.types());
            assertEquals("2026-08-01T00:00:00Z", live.alerts().get(0).get("eventTime").asText());
        }
    }

    @Test
    void lateRecordInsideTheAllowedLatenessPreventsAFalseIdle() {
        try (DriftHarness live = new DriftHarness(Map.of("detect.allowed-lateness", "15m"), TimeMode.LIVE)) {
            live.wallClock("2026-07-02T00:01:00Z");
            live.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
            live.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
            live.wallClock("2026-08-01T00:06:00Z");
            // another credential's event moves event time just past the due time (2026-08-01T00:00) ...
            live.use("AKIAOTHER00000000001", "s3:GetObject", "2026-08-01T00:05:00Z");
            // ... and the late delivery of a use 10 minutes before the due time arrives, inside the lateness
            live.use(KEY, "s3:GetObject", "2026-07-31T23:50:00Z");
            live.wallClock("2026-08-01T00:30:00Z");
            live.use("AKIAOTHER00000000001", "s3:GetObject", "2026-08-01T00:29:00Z");
            assertEquals(List.of("UNKNOWN_CREDENTIAL"), live.types());
        }
    }

    @Test
    void aRecordStampedInTheFutureDoesNotMakeEveryCredentialIdle() {
        try (DriftHarness live = new DriftHarness(Map.of(), TimeMode.LIVE)) {
            live.wallClock("2026-07-02T00:01:00Z");
            live.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
            live.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
            live.use("AKIAHOSTILE000000001", "s3:GetObject", "2099-01-01T00:00:00Z");
            live.use(KEY, "s3:GetObject", "2026-07-02T00:02:00Z");
            assertEquals(List.of("UNKNOWN_CREDENTIAL"), live.types());
        }
    }

    @Test
    void inReplayEventTimeAloneDrivesIdleDetection() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
        h.use("AKIAOTHER00000000001", "s3:GetObject", "2026-08-05T00:00:00Z");
        assertEquals(List.of("IDLE_CREDENTIAL", "UNKNOWN_CREDENTIAL"), h.types());
    }

    @Test
    void expiredAndRevokedUseFireOnceWithTheAction() {
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                + "\"expiresAt\":\"2026-07-10T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}");
        h.inventory("{\"credentialId\":\"AKIAREVOKED000000001\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                + "\"revokedAt\":\"2026-07-05T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}");
        h.use(KEY, "s3:GetObject", "2026-07-09T00:00:00Z");
        h.use(KEY, "s3:GetObject", "2026-07-11T00:00:00Z");
        h.use(KEY, "s3:PutObject", "2026-07-12T00:00:00Z");
        h.use("AKIAREVOKED000000001", "s3:ListBucket", "2026-07-06T00:00:00Z");
        assertEquals(List.of("EXPIRED_CREDENTIAL_USE", "REVOKED_CREDENTIAL_USE"), h.types());
        assertEquals("s3:GetObject", h.alerts().get(0).get("subject").asText());
        assertEquals("CRITICAL", h.alerts().get(1).get("severity").asText());
        assertEquals("s3:ListBucket", h.alerts().get(1).get("subject").asText());
    }

    @Test
    void revokedOrExpiredCredentialIsNotReportedIdle() {
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                + "\"revokedAt\":\"2026-07-05T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}");
        h.use("AKIAOTHER00000000001", "s3:GetObject", "2026-09-01T00:00:00Z");
        assertEquals(List.of("UNKNOWN_CREDENTIAL"), h.types());
    }

    @Test
    void rotationOverdueFiresOnUsePastCreatedAtPlusRotationDaysUntilRotated() {
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"rotationDays\":90,\"asOf\":\"2026-03-20T00:00:00Z\"}");
        h.use(KEY, "s3:GetObject", "2026-03-31T00:00:00Z");
        h.use(KEY, "s3:GetObject", "2026-04-02T00:00:00Z");
        h.use(KEY, "s3:GetObject", "2026-04-03T00:00:00Z");
        h.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                + "\"createdAt\":\"2026-04-04T00:00:00Z\",\"rotationDays\":90,\"asOf\":\"2026-04-04T00:00:00Z\"}");
        h.use(KEY, "s3:GetObject", "2026-04-05T00:00:00Z");
        List<JsonNode> alerts = h.alerts("ROTATION_OVERDUE");
        assertEquals(1, alerts.size());
        assertEquals("2026-04-02T00:00:00Z", alerts.get(0).get("eventTime").asText());
        assertEquals(true, alerts.get(0).get("subject").isNull());
    }
}
