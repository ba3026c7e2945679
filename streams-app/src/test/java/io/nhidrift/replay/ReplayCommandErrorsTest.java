package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.nhidrift.cli.Main;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay}'s command-line errors are one clear line on stderr with exit code 2 (README), never a stack trace,
 * and text echoed from input on stderr is escaped.
 */
@TopologyTest
class ReplayCommandErrorsTest {

    @TempDir
    Path dir;

    private record Run(int code, String err) {
        void isUsageError(String expected) {
            assertEquals(2, code, err);
            assertTrue(err.contains(expected), err);
            assertEquals(1, err.lines().filter(l -> !l.isBlank()).count(), "one line: " + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        }
    }

    private static Run replay(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "replay";
            System.arraycopy(args, 0, all, 1, args.length);
            return new Run(Main.execute(all), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private Path kongFile() throws Exception {
        return Files.writeString(dir.resolve("kong.ndjson"), "{\"consumer\":{\"username\":\"c\"},\"request\":{\"method\":\"GET\","
                + "\"uri\":\"/a\"},\"response\":{\"status\":200},\"started_at\":1767225600000}\n");
    }

    @Test
    void anAlertsFileInADirectoryThatDoesNotExistIsAUsageErrorAndNothingIsCreated() throws Exception {
        Path missing = dir.resolve("no-such-dir");
        replay("--input", "kong=" + kongFile(), "--alerts", missing.resolve("a.ndjson").toString())
                .isUsageError("--alerts " + missing.resolve("a.ndjson") + ": directory " + missing + " does not exist");
        assertFalse(Files.exists(missing));
    }

    @Test
    void anAlertsPathThatIsADirectoryIsAUsageError() throws Exception {
        replay("--input", "kong=" + kongFile(), "--alerts", dir.toString()).isUsageError("is a directory");
    }

    @Test
    void missingInputsBadUntilAndBadReplayKeysAreUsageErrors() throws Exception {
        replay("--input", "kong=" + dir.resolve("missing")).isUsageError("no such file or directory");
        replay("--input", "kong=" + kongFile(), "--until", "soon").isUsageError("--until must be an ISO-8601 instant");
        replay("--input", "kong=" + kongFile(), "--set", "replay.time-gap=-3d").isUsageError("replay.time-gap");
        replay("--input", "kong=" + kongFile(), "--set", "replay.max-records-per-file=many").isUsageError("replay.max-records-per-file");
        replay("--input", "kong=" + kongFile(), "--set", "replay.max-expanded-bytes=0").isUsageError("replay.max-expanded-bytes");
    }

    @Test
    void unreadableDirectoriesAndFilesAreUsageErrors() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("logs/locked"));
        Files.copy(kongFile(), sub.resolve("k.ndjson"));
        Path file = Files.copy(kongFile(), dir.resolve("locked.ndjson"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(file), "permissions are not enforced for this user (root)");
            replay("--input", "kong=" + dir.resolve("logs")).isUsageError("permission denied");
            replay("--input", "kong=" + file).isUsageError("--input kong=" + file + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void controlCharactersFromInputAreEscapedOnStderr() throws Exception {
        Path hostile = Files.write(dir.resolve("hostile.ndjson"), List.of(
                "nhi\u001b[2K\rnhi-drift replay: ALL CLEAR, 0 rejected",
                "{\"request\":{\"method\":\"GET\",\"uri\":\"/a\"},\"started_at\":\"\u001b]0;pwned\u0007\u2028\"}",
                "\u009b31m\u202egnp.exe"));
        Run r = replay("--input", "kong=" + hostile, "--alerts", dir.resolve("a.ndjson").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rejected kong record at " + hostile + ":1"), r.err());
        for (char c : new char[] {'\u001b', '\r', '\u0007', '\u009b', '\u202e', '\u2028'}) {
            assertFalse(r.err().indexOf(c) >= 0, "raw U+" + Integer.toHexString(c) + " on stderr: " + r.err());
        }
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("nhi-drift")), r.err());
        assertTrue(r.err().contains("records 3 = events 0 + not attributable 0 + rejected 3"), r.err());
    }
}
