package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.KEY;
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
class EntitlementExpandedDetectorTest {

    @Test
    void aVersionThatAddsGrantsFiresWithTheAddedPatternsAtItsAsOf() {
        Alert a = DetectionFixture.of(AlertType.ENTITLEMENT_EXPANDED)
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .inventory(entitlement("2026-07-05T00:00:00Z", "s3:GetObject", "sqs:*", "iam:PassRole"))
                .expect(finding("2026-07-05T00:00:00Z", List.of("iam:PassRole", "sqs:*"))).get(0);
        assertTrue(a.getSummary().contains("was granted iam:PassRole, sqs:* in its inventory version of 2026-07-05T00:00:00Z"),
                a.getSummary());
        assertTrue(a.getEvidenceJson().contains("\"previousGrants\":[\"s3:GetObject\"]"), a.getEvidenceJson());
    }

    @Test
    void everyExpandingVersionIsAnOccurrenceOfItsOwn() {
        DetectionFixture.of(AlertType.ENTITLEMENT_EXPANDED)
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject"))
                .inventory(entitlement("2026-07-05T00:00:00Z", "s3:GetObject", "sqs:*"))
                .inventory(entitlement("2026-07-06T00:00:00Z", "s3:GetObject"))
                .inventory(entitlement("2026-07-07T00:00:00Z", "s3:GetObject", "sqs:*"))
                .expect(finding("2026-07-05T00:00:00Z", List.of("sqs:*")), finding("2026-07-07T00:00:00Z", List.of("sqs:*")));
    }

    @Test
    void mustNotFireForAFirstVersionARemovalARecasingOrAnOwnerChange() {
        DetectionFixture.of(AlertType.ENTITLEMENT_EXPANDED)
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject", "sqs:*"))
                .inventory(entitlement("2026-07-02T00:00:00Z", "s3:GetObject"))
                .inventory(entitlement("2026-07-03T00:00:00Z", "S3:getobject"))
                .inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"owner\":\"team-b\","
                        + "\"grants\":[\"S3:getobject\"],\"asOf\":\"2026-07-04T00:00:00Z\"}")
                .expectNone();
    }

    @Test
    void mustNotFireForAnOlderVersionArrivingLate() {
        DetectionFixture.of(AlertType.ENTITLEMENT_EXPANDED)
                .inventory(entitlement("2026-07-05T00:00:00Z", "s3:GetObject"))
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:GetObject", "iam:*"))
                .expectNone();
    }
}
