package io.nhidrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.nhidrift.testing.TopologyTest;

@TopologyTest
class ImportCommandImportTest {

    static final Path SAMPLES = io.nhidrift.testing.Samples.resolve("entitlements");

    record Run(int exit, String err) {}

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ImportCommand());
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void gcpEndToEnd(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("inventory.ndjson");
        Run r = run("gcp-iam", SAMPLES.resolve("gcp_iam/gcpdiag_test_projects/gke2__iam-policy.json").toString(),
                SAMPLES.resolve("gcp_iam/iam-dataset_predefined_roles").toString(),
                "--out", out.toString(), "--asof", "2026-07-01T00:00:00Z");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: role roles/iam.securityAdmin has no definition"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(31, lines.size());
        ObjectMapper m = new ObjectMapper();
        for (String l : lines) {
            JsonNode n = m.readTree(l);
            assertEquals("2026-07-01T00:00:00Z", n.get("asOf").asText());
            assertEquals("gcp_service_account", n.get("kind").asText());
        }
    }

    @Test
    void k8sDirectoryAndAws(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("k8s.ndjson");
        Run r = run("k8s-rbac", SAMPLES.resolve("k8s_rbac/kubernetes_bootstrappolicy").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out).contains("\"credentialId\":\"system:serviceaccount:kube-system:bootstrap-signer\""));

        Path keys = tmp.resolve("keys.json");
        Files.writeString(keys, new ObjectMapper().readTree(SAMPLES.resolve("aws_iam/botocore_iam_examples-1.json").toFile())
                .at("/examples/ListAccessKeys/0/output").toString());
        Path awsOut = tmp.resolve("aws.ndjson");
        r = run("aws-authorization-details",
                SAMPLES.resolve("aws_iam/cloudmapper_demo/iam-get-account-authorization-details.json").toString(),
                "--access-keys", keys.toString(), "--out", awsOut.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("access keys of user Alice"), r.err());
        assertEquals(6, Files.readAllLines(awsOut).size());
    }

    @Test
    void unusableArgumentsExit2(@TempDir Path tmp) {
        Path policy = SAMPLES.resolve("gcp_iam/gcpdiag_test_projects/gke1__iam-policy.json");
        Run bad = run("azure", policy.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown FORMAT 'azure'"), bad.err());
        assertEquals(2, run("gcp-iam", policy.toString(), "--asof", "yesterday").exit());
        assertEquals(2, run("gcp-iam", tmp.resolve("nope.json").toString()).exit());
        assertEquals(2, run("k8s-rbac", policy.toString()).exit(), "not RBAC objects");
        assertEquals(2, run("gcp-iam", policy.toString(), "--topic", "inv").exit());
        assertEquals(2, run("gcp-iam").exit(), "missing FILE (picocli usage error)");
    }

    @Test
    void accessKeysFileThatIsNotListAccessKeysExits2(@TempDir Path tmp) throws Exception {
        Path bogus = tmp.resolve("bogus.json");
        Files.writeString(bogus, "{\"foo\":1}");
        Path out = tmp.resolve("aws.ndjson");
        Run r = run("aws-authorization-details",
                SAMPLES.resolve("aws_iam/cloudmapper_demo/iam-get-account-authorization-details.json").toString(),
                "--access-keys", bogus.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("is not an aws iam list-access-keys answer"), r.err());
        assertTrue(!r.err().contains("imported"), r.err());
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void ownerKeysOptionAndLastUsedAtReachTheOutput(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("aws.ndjson");
        Run r = run("aws-authorization-details",
                SAMPLES.resolve("aws_iam/cloudsplaining_example_authz_details.json").toString(),
                "--owner-keys", "owner,QuickSetupType", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        ObjectMapper m = new ObjectMapper();
        long owned = 0;
        long lastUsed = 0;
        for (String l : Files.readAllLines(out)) {
            JsonNode n = m.readTree(l);
            if (!n.path("owner").isNull()) {
                owned++;
            }
            if (n.has("lastUsedAt")) {
                lastUsed++;
            }
        }
        assertEquals(16, owned, "roles tagged QuickSetupType");
        assertEquals(26, lastUsed, "roles with RoleLastUsed.LastUsedDate");
    }

    @Test
    void helpExplainsAsOfAndLastUsedAt() {
        String help = new CommandLine(new ImportCommand()).getUsageMessage();
        assertTrue(help.contains("UNKNOWN_CREDENTIAL") && help.contains("start of the logs"), help);
        assertTrue(help.contains("not WHICH action") && help.contains("marks no grant"), help);
        assertTrue(help.contains("--owner-keys"), help);
    }

    @Test
    void helpDescribesEveryRegisteredFormat() {
        String help = new CommandLine(new ImportCommand()).getUsageMessage();
        for (String format : io.nhidrift.importer.Importers.formats()) {
            assertTrue(help.contains("\n  " + format + " "), format + " in\n" + help);
        }
    }
}
