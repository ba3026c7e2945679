package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.cli.Main;
import io.nhidrift.testing.Samples;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue "real estates": replay says, per input, why records were not attributable, by reason. */
@TopologyTest
class NotAttributableReasonsReplayTest {

    private static final Pattern NOT_ATTRIBUTABLE = Pattern.compile("not attributable (\\d+)");

    @TempDir
    Path dir;

    @Test
    void kubernetesAuditReplayedAsCloudTrailIsReportedAsTheWrongFormat() throws Exception {
        Path k8s = Samples.resolve("k8s_audit/falco_k8s_audit_trace_files");
        String report = replay("cloudtrail=" + k8s);

        // CloudTrail rejects them (no eventName): each rejection and the input's summary name the format they look like
        long rejected = rejected(report);
        assertTrue(rejected > 0, report);
        assertTrue(report.contains("(no eventName) (looks like k8s-audit, not cloudtrail)"), report);
        assertTrue(report.contains("looks like k8s-audit, not cloudtrail: " + rejected + " records rejected"), report);
    }

    @Test
    void cloudTrailReplayedAsKubernetesAuditIsReportedAsTheWrongFormat() throws Exception {
        Path trail = Files.writeString(dir.resolve("trail.ndjson"), record("e1", "{\"type\":\"IAMUser\"}") + "\n"
                + record("e2", "{\"type\":\"AWSService\"}") + "\n");
        String report = replay("k8s-audit=" + trail);
        assertTrue(report.contains("looks like cloudtrail, not k8s-audit: 2 records"), report);
    }

    @Test
    void kubernetesAuditReplayedAsItselfIsNotTheWrongFormat() throws Exception {
        String report = replay("k8s-audit=" + Samples.resolve("k8s_audit/falco_k8s_audit_trace_files"));
        assertTrue(!report.contains("wrong-format") && !report.contains("looks like"), report);
    }

    @Test
    void cloudTrailAwsServiceEventsAreCountedAsAwsService() throws Exception {
        Path trail = Files.writeString(dir.resolve("trail.ndjson"), String.join("\n",
                record("e1", "{\"type\":\"AWSService\",\"invokedBy\":\"kms.amazonaws.com\"}"),
                record("e2", "{\"type\":\"AWSService\",\"invokedBy\":\"s3.amazonaws.com\"}"),
                record("e3", "{\"type\":\"AWSService\"}"),
                record("e4", "{\"type\":\"IAMUser\"}"),
                record("e5", "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/ci\",\"accessKeyId\":\"AKIAEXAMPLEKEY000001\"}"))
                + "\n");
        String report = replay("cloudtrail=" + trail);

        assertEquals(4, notAttributable(report), report);
        assertTrue(report.contains("not attributable by reason: aws-service 3, no-principal 1\n"), report);
        assertTrue(!report.contains("looks like"), report);
    }

    private static String record(String id, String userIdentity) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventSource\":\"kms.amazonaws.com\","
                + "\"eventName\":\"Decrypt\",\"awsRegion\":\"us-east-1\",\"eventID\":\"" + id + "\",\"userIdentity\":" + userIdentity + "}";
    }

    private static long rejected(String report) {
        Matcher m = Pattern.compile("\\+ rejected (\\d+)").matcher(report);
        assertTrue(m.find(), report);
        return Long.parseLong(m.group(1));
    }

    private static long notAttributable(String report) {
        Matcher m = NOT_ATTRIBUTABLE.matcher(report);
        assertTrue(m.find(), report);
        return Long.parseLong(m.group(1));
    }

    private String replay(String input) throws Exception {
        Path inventory = Files.writeString(dir.resolve("empty.ndjson"), "");
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.execute("replay", "--inventory", inventory.toString(), "--input", input,
                    "--set", "replay.time-gap=36500d", "--alerts", dir.resolve("alerts.ndjson").toString());
        } finally {
            System.setErr(original);
        }
        String report = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, report);
        return report;
    }
}
