package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.detect.StateAccess.DueEntry;
import io.nhidrift.detect.UsageRecorder;
import io.nhidrift.testing.UnitTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay's bounded state: objects pushed out of the small cache come back from RocksDB unchanged; the index sorts by due. */
@UnitTest
class ReplayStateAccessTest {

    @TempDir
    Path dir;

    @Test
    void statesBeyondTheCacheAreWrittenOutAndReadBack() {
        try (ReplayStateAccess access = new ReplayStateAccess(dir.resolve("db"), 3 * HeapWeight.of(UsageRecorder.newState("cred-00")))) {
            for (int i = 0; i < 50; i++) {
                CredentialState s = UsageRecorder.newState("cred-" + i);
                s.setKnownSince(1_000L + i);
                access.putState(s);
            }
            for (int i = 49; i >= 0; i--) {
                assertEquals(1_000L + i, access.state("cred-" + i).getKnownSince(), "cred-" + i);
            }
            assertNull(access.state("never-seen"));
        }
    }

    @Test
    void dueEntriesComeBackEarliestFirstUpToTheThresholdIncludingNegativeTimes() {
        try (ReplayStateAccess access = new ReplayStateAccess(dir.resolve("db"), 3 * HeapWeight.of(UsageRecorder.newState("cred-00")))) {
            access.putDue(500, (byte) 1, "b");
            access.putDue(-20, (byte) 2, "a");
            access.putDue(900, (byte) 1, "c");
            access.putDue(500, (byte) 1, "a");
            assertEquals(-20L, access.earliestDue());
            assertEquals(List.of(new DueEntry(-20, (byte) 2, "a"), new DueEntry(500, (byte) 1, "a"), new DueEntry(500, (byte) 1, "b")),
                    access.dueUpTo(500, 10));
            access.deleteDue(-20, (byte) 2, "a");
            assertEquals(List.of(new DueEntry(500, (byte) 1, "a")), access.dueUpTo(800, 1));
            assertEquals(500L, access.earliestDue());
        }
    }
}
