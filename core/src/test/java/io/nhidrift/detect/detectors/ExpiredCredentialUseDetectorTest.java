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
class ExpiredCredentialUseDetectorTest {

    private static String expiresAt(String asOf, String expiresAt) {
        return "{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],\"expiresAt\":\""
                + expiresAt + "\",\"asOf\":\"" + asOf + "\"}";
    }

    @Test
    void aUseAfterExpiryFiresOncePerExpiryDate() {
        Alert a = DetectionFixture.of(AlertType.EXPIRED_CREDENTIAL_USE)
                .inventory(expiresAt("2026-07-01T00:00:00Z", "2026-07-10T00:00:00Z"))
                .use("2026-07-11T10:00:00Z", "s3:GetObject")
                .use("2026-07-12T10:00:00Z", "s3:GetObject")
                .inventory(expiresAt("2026-07-13T00:00:00Z", "2026-07-20T00:00:00Z")) // extended, then expired again
                .use("2026-07-15T10:00:00Z", "s3:GetObject")
                .use("2026-07-21T10:00:00Z", "s3:ListBucket")
                .expect(finding("2026-07-11T10:00:00Z", "s3:GetObject"), finding("2026-07-21T10:00:00Z", "s3:ListBucket"))
                .get(0);
        assertTrue(a.getSummary().contains("expired at 2026-07-10T00:00:00Z but performed s3:GetObject"), a.getSummary());
    }

    @Test
    void mustNotFireBeforeExpiryOrForADeniedAttempt() {
        DetectionFixture.of(AlertType.EXPIRED_CREDENTIAL_USE)
                .inventory(expiresAt("2026-07-01T00:00:00Z", "2026-07-10T00:00:00Z"))
                .use("2026-07-09T23:59:59Z", "s3:GetObject")
                .denied("2026-07-11T10:00:00Z", "s3:GetObject")
                .expectNone();
    }
}
