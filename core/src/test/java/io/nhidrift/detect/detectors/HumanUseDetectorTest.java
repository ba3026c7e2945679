package io.nhidrift.detect.detectors;

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
class HumanUseDetectorTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:118.0) Gecko/20100101 Firefox/118.0";

    private static DetectionFixture fixture() {
        return DetectionFixture.of(AlertType.HUMAN_USE).inventory(entitlement("2026-07-01T00:00:00Z", "s3:*"));
    }

    @Test
    void anInteractiveClientFiresOncePerAgentFamily() {
        Alert a = fixture()
                .use("2026-07-01T10:00:00Z", "s3:GetObject", IP, FIREFOX)
                .use("2026-07-01T11:00:00Z", "s3:ListBucket", IP, FIREFOX.replace("118", "119"))
                .use("2026-07-01T12:00:00Z", "s3:GetObject", IP, "console.amazonaws.com")
                .expect(finding("2026-07-01T10:00:00Z", "mozilla"), finding("2026-07-01T12:00:00Z", "console.amazonaws.com"))
                .get(0);
        assertTrue(a.getSummary().startsWith("Machine credential " + DetectionFixture.KEY + " was used interactively (mozilla)"),
                a.getSummary());
    }

    @Test
    void aDeniedCallFromABrowserCounts() {
        DetectionFixture f = fixture();
        f.event(f.call(DetectionFixture.KEY, "2026-07-01T10:00:00Z", "iam:ListUsers").setUserAgent(FIREFOX).setDenied(true).build())
                .expect(finding("2026-07-01T10:00:00Z", "mozilla"));
    }

    @Test
    void mustNotFireForWorkloadAgentsCrawlersOrUnknownCredentials() {
        DetectionFixture f = fixture()
                .use("2026-07-01T10:00:00Z", "s3:GetObject")
                .use("2026-07-01T10:01:00Z", "s3:GetObject", IP, "Mozilla/5.0 (compatible; Googlebot/2.1)")
                .use("2026-07-01T10:02:00Z", "s3:GetObject", IP, "Boto3/1.28.0 md/Botocore#1.31.0");
        f.event(f.call("AKIAUNKNOWN000000001", "2026-07-01T10:03:00Z", "s3:GetObject").setUserAgent(FIREFOX).build())
                .expectNone();
    }
}
