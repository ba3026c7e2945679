package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.KEY;
import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class RotationOverdueDetectorTest {

    private static String created(String asOf, String createdAt, int rotationDays) {
        return "{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],\"createdAt\":\""
                + createdAt + "\",\"rotationDays\":" + rotationDays + ",\"asOf\":\"" + asOf + "\"}";
    }

    @Test
    void aUsePastCreatedAtPlusRotationDaysFiresOnceUntilRotated() {
        Alert a = DetectionFixture.of(AlertType.ROTATION_OVERDUE)
                .inventory(created("2026-07-01T00:00:00Z", "2026-04-01T00:00:00Z", 90))
                .use("2026-07-01T10:00:00Z", "s3:GetObject")
                .use("2026-07-02T10:00:00Z", "s3:GetObject")
                .inventory(created("2026-07-03T00:00:00Z", "2026-07-03T00:00:00Z", 90)) // rotated
                .use("2026-08-01T10:00:00Z", "s3:GetObject")
                .use("2026-10-02T10:00:00Z", "s3:GetObject")
                .expect(finding("2026-07-01T10:00:00Z", null), finding("2026-10-02T10:00:00Z", null)).get(0);
        assertTrue(a.getSummary().contains("still in use 91 days after its creation; it was due for rotation every 90 days"),
                a.getSummary());
    }

    @Test
    void mustNotFireWithinTheRotationPeriodWithoutRotationDaysOrForADeniedAttempt() {
        DetectionFixture.of(AlertType.ROTATION_OVERDUE)
                .inventory(created("2026-07-01T00:00:00Z", "2026-06-01T00:00:00Z", 90))
                .use("2026-07-01T10:00:00Z", "s3:GetObject")
                .denied("2026-09-15T10:00:00Z", "s3:GetObject")
                .inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],"
                        + "\"createdAt\":\"2020-01-01T00:00:00Z\",\"asOf\":\"2026-09-16T00:00:00Z\"}")
                .use("2026-09-17T10:00:00Z", "s3:GetObject")
                .expectNone();
    }
}
