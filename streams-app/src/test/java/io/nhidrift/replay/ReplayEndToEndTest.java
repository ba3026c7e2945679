package io.nhidrift.replay;

import static io.nhidrift.replay.MixedHistoryGenerator.C1;
import static io.nhidrift.replay.MixedHistoryGenerator.G1;
import static io.nhidrift.replay.MixedHistoryGenerator.K1;
import static io.nhidrift.replay.MixedHistoryGenerator.R1;
import static io.nhidrift.replay.MixedHistoryGenerator.S1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.TopologyTest;

/** {@code replay} over a generated four-month history in four formats: the exact alert set, byte for byte twice. */
@TopologyTest
class ReplayEndToEndTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        new MixedHistoryGenerator().write(dir);
    }

    private static int replay(Path out, PrintStream err) {
        PrintStream original = System.err;
        System.setErr(err);
        try {
            return Main.execute("replay", "--inventory", dir.resolve("inventory.ndjson").toString(),
                    "--input", "cloudtrail=" + dir.resolve("ct"), "--input", "gcp-audit=" + dir.resolve("gcp.ndjson"),
                    "--input", "k8s-audit=" + dir.resolve("k8s.ndjson"), "--input", "kong=" + dir.resolve("kong.ndjson"),
                    "--until", "2026-05-01T00:00:00Z", "--alerts", out.toString());
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void producesExactlyTheExpectedAlertsOrderedByTimeThenId() throws Exception {
        Path out = dir.resolve("alerts.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, replay(out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        ObjectMapper json = new ObjectMapper();
        List<String> actual = new ArrayList<>();
        String previous = "";
        for (String line : Files.readAllLines(out)) {
            JsonNode a = json.readTree(line);
            String order = java.time.Instant.parse(a.get("eventTime").asText()).toEpochMilli() + " " + a.get("alertId").asText();
            assertTrue(previous.isEmpty() || compareOrder(previous, order) < 0, "alerts out of order: " + previous + " then " + order);
            previous = order;
            actual.add(a.get("eventTime").asText() + " " + a.get("type").asText() + " " + a.get("credentialId").asText()
                    + " " + a.get("subject"));
        }
        assertEquals(sorted(List.of(
                "2026-02-02T12:00:00Z UNKNOWN_CREDENTIAL ghost null",
                "2026-02-15T00:00:00Z ENTITLEMENT_EXPANDED " + R1 + " [\"iam:PassRole\"]",
                "2026-02-20T12:01:30Z ACCESS_DENIED_BURST " + S1 + " \"10\"",
                "2026-03-01T12:00:00Z OUT_OF_SCOPE_USE " + C1 + " \"DELETE /v1/invoices/7\"",
                "2026-03-03T12:00:00Z IDLE_CREDENTIAL " + G1 + " null",
                "2026-03-10T12:00:00Z OUT_OF_SCOPE_USE " + K1 + " \"iam:CreateUser\"",
                "2026-03-15T12:00:00Z NEW_CALLER " + K1 + " \"network:203.0.113.0/24\"",
                "2026-04-01T00:00:00Z UNUSED_ENTITLEMENT " + G1 + " [\"bigquery.*\",\"storage.objects.list\"]",
                "2026-04-01T00:00:00Z UNUSED_ENTITLEMENT " + S1 + " [\"configmaps:*\"]",
                "2026-04-01T00:00:00Z UNUSED_ENTITLEMENT " + R1 + " [\"s3:PutObject\"]",
                "2026-04-10T12:00:00Z DORMANT_REACTIVATED " + G1 + " \"storage.objects.get\"")),
                sorted(actual));
        String report = err.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("kong.ndjson:" + (Files.readAllLines(dir.resolve("kong.ndjson")).size())), report);
        assertTrue(report.contains("not attributable 1"), report);
        String all = Files.readString(out);
        assertFalse(all.contains("s3cr3t"), "the Kong api key must never reach an alert");
    }

    private static int compareOrder(String a, String b) {
        long ta = Long.parseLong(a.substring(0, a.indexOf(' ')));
        long tb = Long.parseLong(b.substring(0, b.indexOf(' ')));
        return ta != tb ? Long.compare(ta, tb) : a.compareTo(b);
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    @Test
    void replayingTheSameInputTwiceGivesByteIdenticalOutput() throws Exception {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, replay(a, quiet));
        assertEquals(0, replay(b, quiet));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertTrue(Files.size(a) > 0);
    }

    @Test
    void unusableArgumentsExitWithTwo() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream original = System.err;
        System.setErr(quiet);
        try {
            assertEquals(2, Main.execute("replay", "--input", "nosuchformat=" + dir));
            assertEquals(2, Main.execute("replay", "--input", "cloudtrail=" + dir.resolve("missing")));
            assertEquals(2, Main.execute("replay", "--inventory", dir.resolve("inventory.ndjson").toString(), "--until", "tomorrow"));
        } finally {
            System.setErr(original);
        }
    }
}
