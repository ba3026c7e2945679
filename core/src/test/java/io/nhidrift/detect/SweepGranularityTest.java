package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.avro.Alert;
import io.nhidrift.testing.UnitTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Time-based checks run in due order however far one sweep reaches: one sweep over months gives the same alerts
 * (times, risk, open conditions) as a sweep every day. A replay split into shards, a partition that falls silent
 * and is swept by the wall clock, or a quiet credential among busy ones all sweep at other points than a single
 * busy sequence does.
 */
@UnitTest
class SweepGranularityTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(100, ChronoUnit.DAYS);

    /**
     * The idle check scheduled by the first use stays in the index when later uses move it (lazily), so a long
     * sweep meets it first, and its evaluation schedules the real idle check before the unused-grants check the
     * sweep has already read: the idle alert must still come first, seeing one open condition, not three.
     */
    @Test
    void oneLongSweepGivesTheSameAlertsAsADailySweep() {
        List<String> coarse = describe(history(false).alerts());
        List<String> daily = describe(history(true).alerts());
        assertEquals(List.of("IDLE_CREDENTIAL", "UNUSED_ENTITLEMENT"), coarse.stream().map(s -> s.split(" ")[0]).toList(),
                String.join("\n", coarse));
        assertEquals(daily, coarse);
    }

    private static DetectionFixture history(boolean sweepDaily) {
        DetectionFixture f = DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(DetectionFixture.entitlement(START.toString(), "s3:GetObject", "iam:*", "ec2:Describe*"));
        for (int day = 0; day <= 10; day++) {
            f.use(START.plus(day, ChronoUnit.DAYS).plusSeconds(3600).toString(), "s3:GetObject");
        }
        f.use(START.plus(25, ChronoUnit.DAYS).toString(), "s3:GetObject");
        if (sweepDaily) {
            for (int day = 26; day < 100; day++) {
                f.until(START.plus(day, ChronoUnit.DAYS).toString());
            }
        }
        return f.until(END.toString());
    }

    private static List<String> describe(List<Alert> alerts) {
        return alerts.stream().map(a -> a.getType() + " " + a.getEventTime() + " risk " + a.getRiskScore() + " "
                + a.getRiskFactorsJson()).toList();
    }
}
