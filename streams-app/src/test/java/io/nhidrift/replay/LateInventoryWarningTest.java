package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.cli.Main;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} warns once when the inventory takes effect after most of the events it would apply to. */
@TopologyTest
class LateInventoryWarningTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private static final String WARNING = "warning: inventory takes effect after most of the events it would apply to";

    @TempDir
    Path dir;

    /** Ten uses by {@link #KEY}, 2026-01-01 to 2026-01-10, replayed with an inventory stamped {@code asOf}. */
    private String replayStderr(String asOf) throws Exception {
        List<String> logs = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            String time = String.format("2026-01-%02dT10:00:00Z", d);
            logs.add("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accessKeyId\":\"" + KEY + "\","
                    + "\"arn\":\"arn:aws:iam::111122223333:user/exporter\",\"accountId\":\"111122223333\"},"
                    + "\"eventTime\":\"" + time + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
                    + "\"sourceIPAddress\":\"10.0.0.1\",\"userAgent\":\"aws-cli/2.13.5\",\"eventID\":\"e" + d + "\"}");
        }
        Path log = Files.write(dir.resolve("ct.ndjson"), logs);
        Path inventory = Files.writeString(dir.resolve("inventory.ndjson"), "{\"credentialId\":\"" + KEY
                + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\"],\"asOf\":\"" + asOf + "\"}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute("replay", "--inventory", inventory.toString(), "--input", "cloudtrail=" + log,
                    "--alerts", dir.resolve("alerts.ndjson").toString()));
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInventoryStampedAfterTheLogsPrintsOneWarningWithTheCountsAndTheHint() throws Exception {
        String stderr = replayStderr("2026-02-01T00:00:00Z");
        List<String> warnings = stderr.lines().filter(l -> l.contains(WARNING)).toList();
        assertEquals(1, warnings.size(), stderr);
        assertTrue(warnings.get(0).contains("10 of 10 events"), warnings.get(0));
        assertTrue(warnings.get(0).contains(KEY + ": 10 of 10"), warnings.get(0));
        assertTrue(warnings.get(0).contains("import --asof <start of the logs>"), warnings.get(0));
    }

    @Test
    void anInventoryInEffectBeforeMostEventsPrintsNoWarning() throws Exception {
        assertFalse(replayStderr("2026-01-01T00:00:00Z").contains(WARNING));
        assertFalse(replayStderr("2026-01-04T00:00:00Z").contains(WARNING)); // 3 of 10 before: a minority
    }
}
