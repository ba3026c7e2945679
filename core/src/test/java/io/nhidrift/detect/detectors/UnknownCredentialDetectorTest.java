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
class UnknownCredentialDetectorTest {

    @Test
    void activityOfACredentialAbsentFromTheInventoryFiresOncePerCredential() {
        Alert a = DetectionFixture.of(AlertType.UNKNOWN_CREDENTIAL)
                .denied("2026-07-01T10:00:00Z", "iam:ListUsers") // an attempt counts
                .use("2026-07-01T10:05:00Z", "s3:GetObject")
                .use("2026-07-02T10:00:00Z", "s3:PutObject")
                .expect(finding("2026-07-01T10:00:00Z", null)).get(0);
        assertTrue(a.getSummary().contains("is not in the inventory but called iam:ListUsers from 10.0.0.1 via aws-cli"),
                a.getSummary());
    }

    @Test
    void eachUnknownCredentialIsItsOwnCondition() {
        DetectionFixture f = DetectionFixture.of(AlertType.UNKNOWN_CREDENTIAL);
        f.event(f.call("AKIAUNKNOWN000000001", "2026-07-01T10:00:00Z", "s3:GetObject").build())
                .event(f.call("AKIAUNKNOWN000000002", "2026-07-01T10:01:00Z", "s3:GetObject").build())
                .event(f.call("AKIAUNKNOWN000000001", "2026-07-01T10:02:00Z", "s3:GetObject").build())
                .expect(finding("2026-07-01T10:00:00Z", "AKIAUNKNOWN000000001", null),
                        finding("2026-07-01T10:01:00Z", "AKIAUNKNOWN000000002", null));
    }

    @Test
    void aCallBeforeTheCredentialsFirstAsOfFindsItAbsent() {
        DetectionFixture.of(AlertType.UNKNOWN_CREDENTIAL)
                .use("2026-06-30T10:00:00Z", "s3:GetObject")
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:*"))
                .use("2026-07-01T10:00:00Z", "s3:GetObject")
                .expect(finding("2026-06-30T10:00:00Z", null));
    }

    @Test
    void mustNotFireForAnInventoriedCredential() {
        DetectionFixture.of(AlertType.UNKNOWN_CREDENTIAL)
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .use("2026-07-01T10:00:00Z", "iam:CreateUser")
                .denied("2026-07-01T10:01:00Z", "iam:CreateUser")
                .expectNone();
    }
}
