package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.KEY;
import static io.nhidrift.detect.DetectionFixture.entitlement;
import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@UnitTest
class IdleCredentialDetectorTest {

    private static DetectionFixture fixture() {
        return DetectionFixture.of(AlertType.IDLE_CREDENTIAL).inventory(entitlement("2026-07-01T00:00:00Z", "s3:*"));
    }

    @Test
    void firesAtTheInstantTheCredentialBecameIdle() {
        Alert a = fixture()
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-08-01T10:00:00Z", null)).get(0);
        assertTrue(a.getSummary().contains("has not been used for 30 days (last use 2026-07-02T10:00:00Z)"), a.getSummary());
    }

    @Test
    void aCredentialNeverUsedIsIdleThirtyDaysAfterItBecameKnown() {
        DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                        + "\"createdAt\":\"2026-07-10T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}")
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-08-09T00:00:00Z", null));
    }

    @Test
    void isNotRepeatedWhileIdleAndFiresAgainAfterAnotherSpell() {
        fixture()
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .until("2026-08-20T00:00:00Z") // idle since 08-01, reported once
                .use("2026-08-25T00:00:00Z", "s3:GetObject")
                .until("2026-10-30T00:00:00Z")
                .expect(finding("2026-08-01T10:00:00Z", null), finding("2026-09-24T00:00:00Z", null));
    }

    @Test
    void mustNotFireForACredentialUsedMoreOftenThanTheIdlePeriod() {
        fixture()
                .use("2026-07-02T00:00:00Z", "s3:GetObject")
                .use("2026-07-27T00:00:00Z", "s3:GetObject")
                .use("2026-08-21T00:00:00Z", "s3:GetObject")
                .denied("2026-09-15T00:00:00Z", "iam:ListUsers") // an attempt is no use
                .until("2026-09-19T23:59:59Z")
                .expectNone();
    }

    @Test
    void aDeniedAttemptDoesNotEndTheSpell() {
        fixture()
                .use("2026-07-02T00:00:00Z", "s3:GetObject")
                .denied("2026-07-20T00:00:00Z", "iam:ListUsers")
                .until("2026-08-05T00:00:00Z")
                .expect(finding("2026-08-01T00:00:00Z", null));
    }

    @Test
    void mustNotFireForACredentialRevokedOrExpiredByItsIdleInstant() {
        DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                        + "\"revokedAt\":\"2026-07-20T00:00:00Z\",\"asOf\":\"2026-07-01T00:00:00Z\"}")
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .until("2026-12-01T00:00:00Z")
                .expectNone();
    }

    @Test
    void aUseInsideTheAllowedLatenessReportsTheSpellOnceWithTheIdOfTheDueCheck() {
        Alert byDueCheck = fixture()
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .until("2026-08-02T00:00:00Z")
                .expect(finding("2026-08-01T10:00:00Z", null)).get(0);
        // 15 minutes of lateness: the use 5 minutes after the idle instant arrives before the check ran
        Alert byLateUse = fixture()
                .allowedLateness(Duration.ofMinutes(15))
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .use("2026-08-01T10:05:00Z", "s3:GetObject")
                .use("2026-08-01T12:00:00Z", "s3:GetObject")
                .expect(finding("2026-08-01T10:00:00Z", null)).get(0);
        assertEquals(byDueCheck.getAlertId(), byLateUse.getAlertId());
    }
}
