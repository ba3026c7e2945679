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
class RevokedCredentialUseDetectorTest {

    private static String revokedAt(String asOf, String revokedAt) {
        return "{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],\"revokedAt\":\""
                + revokedAt + "\",\"asOf\":\"" + asOf + "\"}";
    }

    @Test
    void aUseAfterRevocationFiresOncePerRevocation() {
        Alert a = DetectionFixture.of(AlertType.REVOKED_CREDENTIAL_USE)
                .inventory(revokedAt("2026-07-01T00:00:00Z", "2026-07-10T00:00:00Z"))
                .use("2026-07-11T10:00:00Z", "s3:GetObject")
                .use("2026-07-12T10:00:00Z", "s3:PutObject")
                .inventory(revokedAt("2026-07-20T00:00:00Z", "2026-07-25T00:00:00Z")) // revoked again, later
                .use("2026-07-26T10:00:00Z", "s3:PutObject")
                .expect(finding("2026-07-11T10:00:00Z", "s3:GetObject"), finding("2026-07-26T10:00:00Z", "s3:PutObject"))
                .get(0);
        assertTrue(a.getSummary().contains("was revoked at 2026-07-10T00:00:00Z but performed s3:GetObject"), a.getSummary());
    }

    @Test
    void mustNotFireBeforeRevocationOrForADeniedAttempt() {
        DetectionFixture.of(AlertType.REVOKED_CREDENTIAL_USE)
                .inventory(revokedAt("2026-07-01T00:00:00Z", "2026-07-10T00:00:00Z"))
                .use("2026-07-09T10:00:00Z", "s3:GetObject")
                .use("2026-07-10T00:00:00Z", "s3:GetObject")
                .denied("2026-07-11T10:00:00Z", "s3:GetObject")
                .expectNone();
    }
}
