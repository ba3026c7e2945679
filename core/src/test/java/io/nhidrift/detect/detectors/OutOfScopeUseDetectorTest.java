package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.entitlement;
import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class OutOfScopeUseDetectorTest {

    private static DetectionFixture fixture() {
        return DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE)
                .inventory(entitlement("2026-07-01T00:00:00Z", "s3:Get*", "s3:List*"));
    }

    @Test
    void anActionOutsideTheGrantsFiresOncePerAction() {
        DetectionFixture f = fixture()
                .use("2026-07-01T10:00:00Z", "iam:CreateUser")
                .use("2026-07-01T11:00:00Z", "iam:CreateUser")
                .use("2026-07-01T12:00:00Z", "IAM:createuser") // the same action, another case
                .use("2026-07-01T13:00:00Z", "s3:PutObject");
        Alert first = f.expect(finding("2026-07-01T10:00:00Z", "iam:CreateUser"),
                finding("2026-07-01T13:00:00Z", "s3:PutObject")).get(0);
        assertTrue(first.getSummary().contains("outside its grants"), first.getSummary());
        assertTrue(first.getEvidenceJson().contains("\"matchedDeny\":false"), first.getEvidenceJson());
    }

    @Test
    void aDenyCoversTheActionEvenWhenAGrantDoes() {
        Alert a = DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE)
                .inventory("{\"credentialId\":\"" + DetectionFixture.KEY + "\",\"kind\":\"aws_access_key\","
                        + "\"grants\":[\"s3:*\"],\"denies\":[\"s3:Delete*\"],\"asOf\":\"2026-07-01T00:00:00Z\"}")
                .use("2026-07-01T10:00:00Z", "s3:DeleteObject")
                .expect(finding("2026-07-01T10:00:00Z", "s3:DeleteObject")).get(0);
        assertTrue(a.getSummary().contains("explicitly denies"), a.getSummary());
    }

    @Test
    void mustNotFireForGrantedActionsDeniedCallsOrUnknownCredentials() {
        fixture()
                .use("2026-07-01T10:00:00Z", "s3:GetObject")
                .use("2026-07-01T10:01:00Z", "S3:LISTBUCKET")
                .denied("2026-07-01T10:02:00Z", "iam:CreateUser")
                .event(fixture().call("AKIAUNKNOWN000000001", "2026-07-01T10:03:00Z", "iam:CreateUser").build())
                .expectNone();
    }

    @Test
    void aVersionThatCoversTheActionEndsTheConditionSoALaterUncoveredUseIsNewsAgain() {
        DetectionFixture f = fixture()
                .use("2026-07-01T10:00:00Z", "iam:CreateUser")
                .inventory(entitlement("2026-07-02T00:00:00Z", "s3:Get*", "iam:*"))
                .use("2026-07-02T10:00:00Z", "iam:CreateUser")
                .inventory(entitlement("2026-07-03T00:00:00Z", "s3:Get*"))
                .use("2026-07-03T10:00:00Z", "iam:CreateUser");
        f.expect(finding("2026-07-01T10:00:00Z", "iam:CreateUser"), finding("2026-07-03T10:00:00Z", "iam:CreateUser"));
        assertEquals(2, f.findings().stream().map(Alert::getAlertId).distinct().count());
    }

    @Test
    void aVersionThatStillDoesNotCoverTheActionKeepsItSuppressed() {
        fixture()
                .use("2026-07-01T10:00:00Z", "iam:CreateUser")
                .inventory(entitlement("2026-07-02T00:00:00Z", "s3:Get*", "sqs:*"))
                .use("2026-07-02T10:00:00Z", "iam:CreateUser")
                .expect(finding("2026-07-01T10:00:00Z", "iam:CreateUser"));
    }
}
