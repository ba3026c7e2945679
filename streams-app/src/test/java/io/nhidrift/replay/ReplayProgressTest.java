package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line: rate, files and time left at most once a second when shown; nothing at all when quiet. */
@UnitTest
class ReplayProgressTest {

    @Test
    void showsRateFilesAndTimeLeftAtMostOncePerInterval() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long[] now = {0};
        ReplayProgress p = new ReplayProgress(new PrintStream(err, true, StandardCharsets.UTF_8), false, () -> now[0]);
        p.update("reading", 0, 0.0, "0 of 4 files done");
        now[0] = 500_000_000L;
        p.update("reading", 50_000, 0.1, "0 of 4 files done"); // within the interval: not printed
        now[0] = 2_000_000_000L;
        p.update("reading", 200_000, 0.25, "1 of 4 files done");
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("nhi-drift replay: reading: 200,000 events, 100,000 events/s, 1 of 4 files done, 25 %, about 6 s left"),
                lines);
    }

    @Test
    void quietPrintsNothing() {
        ReplayProgress.QUIET.update("reading", 1, 0.5, null);
        ReplayProgress.QUIET.end();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            ReplayProgress p = ReplayProgress.forStderr(System.err, false);
            assertTrue(System.console() != null || p == ReplayProgress.QUIET, "not a terminal, not forced: quiet");
        } finally {
            System.setErr(original);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
