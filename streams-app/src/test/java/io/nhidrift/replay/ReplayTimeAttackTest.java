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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records stamped far from the rest of the input (README "replay", implausible times): one far-future record must
 * not move the default {@code --until} or raise time-based alerts, a 1970 record must not date alerts in 1970, and
 * times before 1970 in any format are rejected records, never a crash. The alerts stay exactly those of the same
 * history without the hostile records.
 */
@TopologyTest
class ReplayTimeAttackTest {

    @TempDir
    static Path dir;

    private static String baseline;
    private static String baselineReport;

    @BeforeAll
    static void generate() throws Exception {
        new MixedHistoryGenerator().write(dir);
        Path out = dir.resolve("baseline.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, replay(out, err, List.of()));
        baseline = Files.readString(out);
        baselineReport = err.toString(StandardCharsets.UTF_8);
        assertTrue(baseline.lines().count() > 5, baseline);
    }

    private static int replay(Path out, ByteArrayOutputStream err, List<String> extraInputs) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("replay", "--inventory", dir.resolve("inventory.ndjson").toString(),
                    "--input", "cloudtrail=" + dir.resolve("ct"), "--input", "gcp-audit=" + dir.resolve("gcp.ndjson"),
                    "--input", "k8s-audit=" + dir.resolve("k8s.ndjson"), "--input", "kong=" + dir.resolve("kong.ndjson"),
                    "--alerts", out.toString()));
            for (String in : extraInputs) {
                args.add("--input");
                args.add(in);
            }
            return Main.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
    }

    private static String until(String report) {
        int at = report.indexOf("evaluated until ");
        return report.substring(at + 16, report.indexOf(';', at));
    }

    private static long number(String line, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label) + "(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String kong(String consumer, String startedAt) {
        return "{\"request\":{\"method\":\"GET\",\"uri\":\"/v1/invoices/1\",\"headers\":{\"user-agent\":\"billing/1.0\"}},"
                + "\"response\":{\"status\":200},\"client_ip\":\"10.4.4.2\",\"consumer\":{\"username\":\"" + consumer
                + "\",\"id\":\"x-" + startedAt + "\"},\"started_at\":" + startedAt + "}";
    }

    private static String cloudtrail(String time) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accessKeyId\":\"" + MixedHistoryGenerator.K1
                + "\",\"arn\":\"arn:aws:iam::111122223333:user/exporter\"},\"eventTime\":\"" + time + "\",\"eventSource\":"
                + "\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"sourceIPAddress\":\"10.1.1.9\",\"userAgent\":\"aws-cli/2.13.1\","
                + "\"eventID\":\"attack-" + time + "\"}";
    }

    @Test
    void oneFarFutureRecordMovesNeitherUntilNorTheAlerts() throws Exception {
        Path attack = Files.writeString(dir.resolve("future-kong.ndjson"), kong(MixedHistoryGenerator.C1, "4070908800000") + "\n");
        Path out = dir.resolve("future.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, replay(out, err, List.of("kong=" + attack)));
        String report = err.toString(StandardCharsets.UTF_8);
        assertEquals(baseline, Files.readString(out));
        assertEquals(until(baselineReport), until(report));
        assertTrue(report.contains("not applied: 1 kong=" + attack + " event from 2099-01-01T00:00:00Z"), report);
        assertTrue(report.contains("events outside the plausible time window not applied 1"), report);
    }

    @Test
    void aRecordFrom1970DatesNoAlertInThePast() throws Exception {
        Path attack = Files.writeString(dir.resolve("old-ct.ndjson"), cloudtrail("1970-01-01T00:00:01Z") + "\n");
        Path out = dir.resolve("old.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, replay(out, err, List.of("cloudtrail=" + attack)));
        assertEquals(baseline, Files.readString(out));
        assertFalse(Files.readString(out).contains("\"eventTime\":\"19"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("before the other events, in a run of at most 1 % of the main run"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void timesBefore1970InEveryTimeFormatAreRejectedRecordsNotACrash() throws Exception {
        Path ct = Files.write(dir.resolve("pre-ct.ndjson"), List.of(cloudtrail("1969-12-31T23:59:59Z"),
                cloudtrail("0001-01-01T00:00:00Z"), cloudtrail("1969-07-20T20:17:00+02:00"), cloudtrail("-999999999-01-01T00:00:00Z")));
        Path kong = Files.write(dir.resolve("pre-kong.ndjson"), List.of(kong(MixedHistoryGenerator.C1, "-1"),
                kong(MixedHistoryGenerator.C1, "-86400000000"), kong(MixedHistoryGenerator.C1, "-9223372036854775808")));
        Path k8s = Files.write(dir.resolve("pre-k8s.ndjson"), List.of("{\"kind\":\"Event\",\"auditID\":\"a1\",\"verb\":\"get\","
                + "\"user\":{\"username\":\"" + MixedHistoryGenerator.S1 + "\"},\"objectRef\":{\"resource\":\"secrets\"},"
                + "\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":\"1900-01-01T00:00:00.000000Z\"}"));
        Path out = dir.resolve("pre.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, replay(out, err, List.of("cloudtrail=" + ct, "kong=" + kong, "k8s-audit=" + k8s)));
        String report = err.toString(StandardCharsets.UTF_8);
        assertEquals(baseline, Files.readString(out));
        assertFalse(report.contains("\tat "), "no stack trace: " + report);
        assertFalse(report.contains("Exception in"), report);
        assertTrue(report.contains("is before 1970-01-01T00:00:00Z"), report); // the edge rule's reason
        for (Path p : List.of(ct, kong, k8s)) {
            long lines = Files.readAllLines(p).size();
            String line = report.lines().filter(l -> l.contains("input ") && l.contains("=" + p + ":")).findFirst().orElseThrow();
            assertTrue(line.contains(": records " + lines + " = "), line);
            assertEquals(lines, number(line, "rejected ") + number(line, "plausible time window not applied "),
                    "every pre-1970 record is rejected (or, if its adapter read the time as another instant, not applied): " + line);
        }
    }

    @Test
    void aSmallHistoryWithALongSilenceKeepsEveryEvent() {
        long day = 86_400_000L;
        PlausibleTime.Run main = PlausibleTime.mainRun(new long[] {0, 120 * day}, 90 * day);
        for (PlausibleTime.Run r : PlausibleTime.runs(new long[] {0, 120 * day}, 90 * day)) {
            assertTrue(PlausibleTime.kept(r, main), "two uses 120 days apart are both applied: " + r);
        }
        long[] bulk = new long[201];
        for (int i = 0; i < 200; i++) {
            bulk[i] = 1_000 * day + i * 60_000L;
        }
        bulk[200] = 50_000 * day; // one record far after 200 others
        PlausibleTime.Run bulkMain = PlausibleTime.mainRun(bulk, 90 * day);
        List<PlausibleTime.Run> runs = PlausibleTime.runs(bulk, 90 * day);
        assertEquals(2, runs.size());
        assertFalse(PlausibleTime.kept(runs.get(1), bulkMain), "a lone outlier beside 200 events is not applied");
    }
}
