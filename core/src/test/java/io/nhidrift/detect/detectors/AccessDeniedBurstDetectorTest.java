package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.finding;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@UnitTest
class AccessDeniedBurstDetectorTest {

    private static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");

    /** {@code n} denied calls, {@code gapSeconds} apart, from {@code start} seconds after T0. */
    private static DetectionFixture denied(DetectionFixture f, int start, int n, int gapSeconds) {
        for (int i = 0; i < n; i++) {
            f.denied(T0.plusSeconds(start + (long) i * gapSeconds).toString(), "iam:ListUsers");
        }
        return f;
    }

    @Test
    void tenDeniedCallsWithinFiveMinutesFireOncePerBurst() {
        DetectionFixture f = denied(DetectionFixture.of(AlertType.ACCESS_DENIED_BURST), 0, 14, 10); // 14 calls in 130 s
        Alert a = f.expect(finding("2026-07-01T10:01:30Z", "10")).get(0);
        assertTrue(a.getSummary().contains("had 10 denied calls within 5 minutes, the latest iam:ListUsers"), a.getSummary());
        assertTrue(a.getEvidenceJson().contains("\"windowStart\":\"2026-07-01T09:56:30Z\""), a.getEvidenceJson());
    }

    @Test
    void aDeniedCallThatFindsFewerInItsWindowEndsTheBurstSoTheNextOneIsNews() {
        DetectionFixture f = DetectionFixture.of(AlertType.ACCESS_DENIED_BURST);
        denied(f, 0, 10, 10);          // burst 1: fires at +90 s
        f.denied("2026-07-01T11:00:00Z", "iam:ListUsers"); // alone in its window: the burst ended
        denied(f, 7200, 10, 10);       // burst 2: fires at +2 h 90 s
        f.expect(finding("2026-07-01T10:01:30Z", "10"), finding("2026-07-01T12:01:30Z", "10"));
    }

    @Test
    void mustNotFireForNineDeniedCallsOrTenSpreadOverMoreThanFiveMinutes() {
        denied(DetectionFixture.of(AlertType.ACCESS_DENIED_BURST), 0, 9, 10).expectNone();
        denied(DetectionFixture.of(AlertType.ACCESS_DENIED_BURST), 0, 10, 34).expectNone(); // 306 s
    }

    @Test
    void mustNotFireForSuccessfulCalls() {
        DetectionFixture f = DetectionFixture.of(AlertType.ACCESS_DENIED_BURST);
        for (int i = 0; i < 12; i++) {
            f.use(T0.plusSeconds(i).toString(), "iam:ListUsers");
        }
        f.expectNone();
    }
}
