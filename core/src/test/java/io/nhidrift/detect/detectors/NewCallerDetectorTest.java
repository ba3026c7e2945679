package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.AGENT;
import static io.nhidrift.detect.DetectionFixture.IP;
import static io.nhidrift.detect.DetectionFixture.entitlement;
import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class NewCallerDetectorTest {

    /** Learns 10.0.0.0/24 and aws-cli from 07-01 (first activity); the learning period ends 07-08. */
    private static DetectionFixture learned() {
        return DetectionFixture.of(AlertType.NEW_CALLER)
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:*"))
                .use("2026-07-01T10:00:00Z", "s3:GetObject");
    }

    @Test
    void aNewNetworkAfterTheLearningPeriodFiresOnce() {
        Alert a = learned()
                .use("2026-07-09T10:00:00Z", "s3:GetObject", "203.0.113.7", AGENT)
                .use("2026-07-09T11:00:00Z", "s3:GetObject", "203.0.113.99", AGENT)
                .expect(finding("2026-07-09T10:00:00Z", "network:203.0.113.0/24")).get(0);
        assertTrue(a.getSummary().contains("was used from a new network 203.0.113.0/24 (s3:GetObject), after 1 known network."),
                a.getSummary());
        assertTrue(a.getEvidenceJson().contains("\"known\":[\"10.0.0.0/24\"]"), a.getEvidenceJson());
    }

    @Test
    void aNewNetworkAndAgentFamilyInOneEventAreTwoFindings() {
        learned()
                .use("2026-07-09T10:00:00Z", "s3:GetObject", "2001:db8:1:2::7", "Boto3/1.28.0 md/Botocore#1.31.0")
                .expect(finding("2026-07-09T10:00:00Z", "network:2001:db8:1::/48"),
                        finding("2026-07-09T10:00:00Z", "agent:boto3"));
    }

    @Test
    void aDeniedCallFromANewCallerCounts() {
        DetectionFixture f = learned();
        f.event(f.call(DetectionFixture.KEY, "2026-07-09T10:00:00Z", "iam:ListUsers").setSourceIp("198.51.100.1")
                        .setDenied(true).build())
                .expect(finding("2026-07-09T10:00:00Z", "network:198.51.100.0/24"));
    }

    @Test
    void mustNotFireInsideTheLearningPeriodForAnSdkUpgradeOrANewAddressInAKnownRange() {
        learned()
                .use("2026-07-05T10:00:00Z", "s3:GetObject", "198.51.100.1", "Boto3/1.28.0") // learned
                .use("2026-07-09T10:00:00Z", "s3:GetObject", "10.0.0.200", "aws-cli/2.15.0 Python/3.12")
                .use("2026-07-09T11:00:00Z", "s3:GetObject", "198.51.100.2", "Boto3/1.34.0")
                .expectNone();
    }

    @Test
    void mustNotFireForAnUnknownCredential() {
        DetectionFixture f = DetectionFixture.of(AlertType.NEW_CALLER);
        f.event(f.call("AKIAUNKNOWN000000001", "2026-07-01T10:00:00Z", "s3:GetObject").build())
                .event(f.call("AKIAUNKNOWN000000001", "2026-07-20T10:00:00Z", "s3:GetObject").setSourceIp("203.0.113.7").build())
                .expectNone();
        assertTrue(IP.startsWith("10.0.0."));
    }
}
