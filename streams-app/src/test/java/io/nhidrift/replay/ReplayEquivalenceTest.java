package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.config.AppConfig;
import io.nhidrift.json.Json;
import io.nhidrift.testing.Samples;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT section 5: the direct replay path ({@link ReplayRunner}: adapters, engine and detectors without Kafka
 * Streams) gives exactly the alert lines, byte for byte, and the same stderr report as the production topology
 * under TopologyTestDriver ({@link TopologyReplayRunner}) on the same input: a generated four-format history with
 * inventory versions, a broken line, implausible times and {@code --until}; and every real sample log, with and
 * without an inventory naming their machine principals (some undated, some dated inside the logs). The direct path
 * runs on 1, 2 and 5 threads ({@code replay.threads}: files read in parallel, credentials split into shards), with the
 * same output each time.
 */
@TopologyTest
class ReplayEquivalenceTest {

    @TempDir
    Path dir;

    @Test
    void generatedFourFormatHistoryGivesTheSameAlertsAndReport() throws Exception {
        new MixedHistoryGenerator().write(dir);
        List<ReplayRunner.Input> inputs = mixedInputs();
        Run topology = topology(List.of(dir.resolve("inventory.ndjson")), inputs, null);
        assertTrue(topology.alerts.lines().count() > 10, topology.alerts);
        assertSame(topology, direct(List.of(dir.resolve("inventory.ndjson")), inputs, null));
    }

    @Test
    void implausibleTimesUntilAndUndatedInventoryGiveTheSameAlertsAndReport() throws Exception {
        new MixedHistoryGenerator().write(dir);
        Files.write(dir.resolve("outliers.ndjson"), List.of(
                kong("far-future", "2099-01-01T00:00:00Z"), kong("epoch", "1970-01-01T00:00:01Z"),
                kong("ghost-2", "2026-03-03T00:00:00Z")));
        Files.write(dir.resolve("undated.ndjson"), List.of(
                "{\"credentialId\":\"ghost-2\",\"kind\":\"api_key\",\"grants\":[\"GET /v1/*\"]}",
                "{\"credentialId\":\"late\",\"kind\":\"api_key\",\"grants\":[\"GET /v1/*\"],\"asOf\":\"2026-12-01T00:00:00Z\"}",
                "{\"credentialId\":\"bad\",\"kind\":\"api_key\",\"grants\":[\"GET /v1/*\"],\"asOf\":\"2026-02-01T00:00:00Z\","
                        + "\"rotationDays\":99999999}",
                "{not json"));
        List<ReplayRunner.Input> inputs = new ArrayList<>(mixedInputs());
        inputs.add(new ReplayRunner.Input("kong", dir.resolve("outliers.ndjson")));
        List<Path> inventory = List.of(dir.resolve("inventory.ndjson"), dir.resolve("undated.ndjson"));
        for (Instant until : new Instant[] {null, Instant.parse("2026-03-20T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")}) {
            Run topology = topology(inventory, inputs, until);
            assertTrue(topology.report.contains("not applied"), topology.report);
            assertTrue(topology.report.contains("rejected inventory record"), topology.report);
            assertSame(topology, direct(inventory, inputs, until));
        }
    }

    @Test
    void everyRealSampleGivesTheSameAlertsAndReportWithAndWithoutInventory() throws Exception {
        List<ReplayRunner.Input> inputs = List.of(
                new ReplayRunner.Input("cloudtrail", Samples.resolve("aws_cloudtrail")),
                new ReplayRunner.Input("k8s-audit", Samples.resolve("k8s_audit")),
                new ReplayRunner.Input("gcp-audit", Samples.resolve("gcp_audit")),
                new ReplayRunner.Input("azure-signin", Samples.resolve("azure/elastic-integrations_entra_service_principal_signinlogs.ndjson")),
                new ReplayRunner.Input("azure-activity", Samples.resolve("azure/panther-analysis_azure_monitor_activity_rule_tests.ndjson")),
                new ReplayRunner.Input("github-audit", Samples.resolve("github_okta")),
                new ReplayRunner.Input("kong", Samples.resolve("api_gateway/panther-analysis_http_access_rule_tests.ndjson")));
        Run bare = topology(List.of(), inputs, null);
        assertSame(bare, direct(List.of(), inputs, null));

        TreeSet<String> machines = new TreeSet<>();
        for (String line : bare.alerts.lines().toList()) {
            JsonNode a = Json.MAPPER.readTree(line);
            if (a.get("type").asText().equals("UNKNOWN_CREDENTIAL")) {
                machines.add(a.get("credentialId").asText());
            }
        }
        assertTrue(machines.size() > 10, "machine principals in the samples: " + machines);
        List<String> inventory = new ArrayList<>();
        int i = 0;
        for (String id : machines) {
            String asOf = i % 3 == 0 ? "" : ",\"asOf\":\"20" + (18 + i % 8) + "-06-01T00:00:00Z\"";
            inventory.add(Json.MAPPER.writeValueAsString(Map.of("credentialId", id, "kind", "other",
                    "grants", i % 2 == 0 ? List.of("s3:Get*", "*:get", "GET *") : List.of("*"))).replaceFirst("}$", asOf + "}"));
            i++;
        }
        Path inv = Files.write(dir.resolve("sample-inventory.ndjson"), inventory);
        Run topology = topology(List.of(inv), inputs, null);
        assertTrue(topology.alerts.contains("OUT_OF_SCOPE_USE"), topology.alerts);
        assertSame(topology, direct(List.of(inv), inputs, null));
    }

    private List<ReplayRunner.Input> mixedInputs() {
        return List.of(new ReplayRunner.Input("cloudtrail", dir.resolve("ct")),
                new ReplayRunner.Input("gcp-audit", dir.resolve("gcp.ndjson")),
                new ReplayRunner.Input("k8s-audit", dir.resolve("k8s.ndjson")),
                new ReplayRunner.Input("kong", dir.resolve("kong.ndjson")));
    }

    private static String kong(String consumer, String time) {
        return "{\"request\":{\"method\":\"GET\",\"uri\":\"/v1/x\",\"headers\":{\"user-agent\":\"curl/8.0\"}},\"response\":"
                + "{\"status\":200},\"client_ip\":\"10.9.9.9\",\"consumer\":{\"username\":\"" + consumer + "\"},\"started_at\":"
                + Instant.parse(time).toEpochMilli() + "}";
    }

    private static void assertSame(Run topology, Run direct) {
        assertEquals(topology.alerts, direct.alerts, "alert lines");
        assertEquals(topology.report, direct.report, "stderr report");
        assertEquals(topology.count, direct.count);
    }

    private record Run(String alerts, String report, long count) {}

    private static Run topology(List<Path> inventory, List<ReplayRunner.Input> inputs, Instant until) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        long n = new TopologyReplayRunner(AppConfig.defaults(), inputs, new ReplayReport(ps)).run(inventory, inputs, until, out);
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), n);
    }

    /** The direct path on one thread; on 2 and 5 threads (shards) it must give the very same alerts and report. */
    private static Run direct(List<Path> inventory, List<ReplayRunner.Input> inputs, Instant until) throws Exception {
        Run single = direct(inventory, inputs, until, 1);
        for (int threads : new int[] {2, 5}) {
            Run parallel = direct(inventory, inputs, until, threads);
            assertEquals(single.alerts, parallel.alerts, () -> "alert lines on " + threads + " threads differ: " + lineDiff(single.alerts, parallel.alerts));
            assertEquals(single.report, parallel.report, "stderr report on " + threads + " threads");
        }
        return single;
    }

    /** The lines of each text missing from the other (the order aside), for a readable failure. */
    private static String lineDiff(String expected, String actual) {
        List<String> missing = new ArrayList<>(expected.lines().toList());
        actual.lines().forEach(missing::remove);
        List<String> extra = new ArrayList<>(actual.lines().toList());
        expected.lines().forEach(extra::remove);
        return "missing " + missing + "; unexpected " + extra + (missing.isEmpty() && extra.isEmpty() ? " (same lines, other order)" : "");
    }

    private static Run direct(List<Path> inventory, List<ReplayRunner.Input> inputs, Instant until, int threads)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        AppConfig config = AppConfig.defaults().with(Map.of("replay.threads", Integer.toString(threads)));
        long n = new ReplayRunner(config, inputs, new ReplayReport(ps)).run(inventory, inputs, until, out);
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), n);
    }
}
