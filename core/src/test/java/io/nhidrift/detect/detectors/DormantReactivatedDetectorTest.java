package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.entitlement;
import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class DormantReactivatedDetectorTest {

    private static DetectionFixture fixture() {
        return DetectionFixture.of(AlertType.DORMANT_REACTIVATED).inventory(entitlement("2026-07-01T00:00:00Z", "s3:*"));
    }

    @Test
    void theFirstUseAfterAnIdleSpellFiresWithTheAction() {
        Alert a = fixture()
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .use("2026-09-15T10:00:00Z", "s3:PutObject")
                .use("2026-09-15T11:00:00Z", "s3:PutObject")
                .expect(finding("2026-09-15T10:00:00Z", "s3:PutObject")).get(0);
        assertTrue(a.getSummary().contains("after 75 days without use"), a.getSummary());
        assertTrue(a.getEvidenceJson().contains("\"idleSince\":\"2026-08-01T10:00:00Z\""), a.getEvidenceJson());
    }

    @Test
    void firesAgainAfterEachIdleSpell() {
        fixture()
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .use("2026-08-15T10:00:00Z", "s3:GetObject")
                .use("2026-10-15T10:00:00Z", "s3:GetObject")
                .expect(finding("2026-08-15T10:00:00Z", "s3:GetObject"), finding("2026-10-15T10:00:00Z", "s3:GetObject"));
    }

    @Test
    void mustNotFireForUseWithinTheIdlePeriodOrForADeniedAttempt() {
        fixture()
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .use("2026-07-30T10:00:00Z", "s3:GetObject")
                .denied("2026-10-01T10:00:00Z", "iam:ListUsers")
                .expectNone();
    }
}
