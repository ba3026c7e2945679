package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.entitlement;
import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class UnusedEntitlementDetectorTest {

    /** Known from 2026-01-01; the 90-day window first closes on 2026-04-01. */
    private static DetectionFixture fixture() {
        return DetectionFixture.of(AlertType.UNUSED_ENTITLEMENT)
                .inventory(entitlement("2026-01-01T00:00:00Z", "s3:Get*", "s3:PutObject", "iam:*"));
    }

    @Test
    void afterTheWindowThePatternsWithoutUseFireOnceWithTheLeastPrivilegeSet() {
        Alert a = fixture()
                .use("2026-02-01T00:00:00Z", "s3:GetObject")
                .use("2026-02-02T00:00:00Z", "s3:GetObject")
                .until("2026-04-15T00:00:00Z")
                .expect(finding("2026-04-01T00:00:00Z", List.of("iam:*", "s3:PutObject"))).get(0);
        assertTrue(a.getSummary().contains("did not use iam:*, s3:PutObject in the last 90 days; 1 distinct actions were used"),
                a.getSummary());
        assertTrue(a.getEvidenceJson().contains("\"recommendedGrants\":[\"s3:GetObject\"]"), a.getEvidenceJson());
    }

    @Test
    void aPatternUsedWithinTheWindowIsNotReportedUntilItsOwnWindowCloses() {
        fixture()
                .use("2026-02-01T00:00:00Z", "s3:GetObject")
                .until("2026-05-15T00:00:00Z")
                .expect(finding("2026-04-01T00:00:00Z", List.of("iam:*", "s3:PutObject")),
                        finding("2026-05-02T00:00:00Z", List.of("s3:Get*")));
    }

    @Test
    void isNotRepeatedWhileUnusedAndAUseEndsIt() {
        fixture()
                .use("2026-02-01T00:00:00Z", "s3:GetObject")
                .until("2026-04-15T00:00:00Z")   // iam:* and s3:PutObject unused since 04-01
                .use("2026-04-20T00:00:00Z", "s3:PutObject") // ends s3:PutObject's spell
                .until("2026-07-25T00:00:00Z")
                .expect(finding("2026-04-01T00:00:00Z", List.of("iam:*", "s3:PutObject")),
                        finding("2026-05-02T00:00:00Z", List.of("s3:Get*")),
                        finding("2026-07-19T00:00:00Z", List.of("s3:PutObject")));
    }

    @Test
    void mustNotFireWhileEveryPatternIsUsedWithinTheWindow() {
        DetectionFixture f = fixture();
        for (String day : List.of("2026-01-20", "2026-03-10", "2026-04-25", "2026-06-10")) {
            f.use(day + "T00:00:00Z", "s3:GetObject").use(day + "T00:01:00Z", "s3:PutObject").use(day + "T00:02:00Z", "iam:ListUsers");
        }
        f.until("2026-07-01T00:00:00Z").expectNone();
    }
}
