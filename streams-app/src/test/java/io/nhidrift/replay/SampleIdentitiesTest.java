package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Adapters;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.cli.Main;
import io.nhidrift.identity.IdentityClass;
import io.nhidrift.identity.IdentityClassifier;
import io.nhidrift.testing.Samples;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue "real estates": on every real sample log, replayed with an empty inventory, no human or platform
 * principal gets an NHI alert and every machine principal gets exactly one UNKNOWN_CREDENTIAL. Shipper-wrapped
 * files (Panther fixtures carry each record in a {@code log} field) are read through the shared envelope handling.
 */
@TopologyTest
class SampleIdentitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "cloudtrail, aws_cloudtrail/invictus-ir_aws_dataset, arn:aws:iam::123837392027:user/bert-jan;arn:aws:iam::123837392027:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS",
        "cloudtrail, aws_cloudtrail/stratus-red-team_detonation-logs, ",
        "cloudtrail, aws_cloudtrail/panther-analysis, arn:aws:iam::123456789012:root",
        "k8s-audit, k8s_audit/falco_k8s_audit_trace_files, minikube-user;system:anonymous;system:node:minikube",
        "k8s-audit, k8s_audit/panther-analysis_eks_audit_rule_tests.ndjson, system:anonymous",
        "gcp-audit, gcp_audit, user@example.com",
        "azure-signin, azure/panther-analysis_azure_entra_signin_audit_rule_tests.ndjson, gandalf@lotr.com",
        "azure-signin, azure/elastic-integrations_entra_service_principal_signinlogs.ndjson, ",
        "azure-activity, azure/panther-analysis_azure_monitor_activity_rule_tests.ndjson, ",
        "github-audit, github_okta/panther-analysis_github_audit_rule_tests.ndjson, cat",
        "github-audit, github_okta/elastic-integrations_github_audit_api_request.ndjson, ",
    })
    void onlyMachinesRaiseAlertsAndEachUnknownMachineExactlyOnce(String format, String sample, String knownNonMachines)
            throws Exception {
        Path input = Samples.resolve(sample);
        Map<String, IdentityClass> principals = principals(format, input);
        assertTrue(!principals.isEmpty(), "no event read from " + sample);

        List<JsonNode> alerts = replay(format, input);
        TreeSet<String> machines = principals.entrySet().stream().filter(e -> e.getValue() == IdentityClass.MACHINE)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        for (JsonNode a : alerts) {
            String id = a.get("credentialId").asText();
            assertEquals(IdentityClass.MACHINE, principals.get(id), a.get("type").asText() + " for a non-machine principal " + id);
        }
        List<String> unknown = alerts.stream().filter(a -> a.get("type").asText().equals("UNKNOWN_CREDENTIAL"))
                .map(a -> a.get("credentialId").asText()).sorted().toList();
        assertEquals(List.copyOf(machines), unknown, "one UNKNOWN_CREDENTIAL per machine principal");

        if (knownNonMachines != null) {
            for (String p : knownNonMachines.split(";")) {
                IdentityClass c = principals.get(p);
                assertTrue(c != null && c != IdentityClass.MACHINE, p + " is a person or the platform in " + sample + ": " + c);
            }
        }
    }

    /**
     * Each principal's class over its events as the pipeline sees them: in time order, without redeliveries
     * (an event id already seen for the credential; rule-test fixtures reuse ids). A principal with any machine
     * use is a machine (a role used by workloads and, at times, from a console).
     */
    private static Map<String, IdentityClass> principals(String format, Path input) throws Exception {
        LogAdapter adapter = Adapters.create(format);
        List<UsageEvent> events = new ArrayList<>();
        for (Path file : RecordFileReader.files(input, (origin, reason) -> { })) {
            RecordFileReader.read(file, r -> {
                try {
                    events.addAll(adapter.parse(r.bytes()).events());
                } catch (AdapterException ignored) {
                    // rejected records are replay's to report; they name no principal here
                }
            }, (origin, reason) -> { });
        }
        events.sort(java.util.Comparator.comparingLong(UsageEvent::getEventTime));
        Map<String, IdentityClass> out = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (UsageEvent e : events) {
            if (seen.add(e.getCredentialId() + "\n" + e.getEventId())) {
                out.merge(e.getCredentialId(), IdentityClassifier.classify(e),
                        (a, b) -> a == IdentityClass.MACHINE || b == IdentityClass.MACHINE ? IdentityClass.MACHINE : a);
            }
        }
        return out;
    }

    private List<JsonNode> replay(String format, Path input) throws Exception {
        Path inventory = Files.writeString(dir.resolve("empty.ndjson"), "");
        Path out = dir.resolve("alerts.ndjson");
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            // rule-test fixtures are dated all over the years: every event is applied (no plausible-time window)
            rc = Main.execute("replay", "--inventory", inventory.toString(), "--input", format + "=" + input,
                    "--set", "replay.time-gap=36500d", "--alerts", out.toString());
        } finally {
            System.setErr(original);
        }
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            alerts.add(JSON.readTree(line));
        }
        return alerts;
    }
}
