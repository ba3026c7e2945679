package io.nhidrift.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The example data the compose stack ships (docker/import/k8s-rbac for the importer job, docker/logs/k8s-audit for
 * the shipper) is what the compose README promises: the import succeeds, and the logs replayed against that
 * inventory give one OUT_OF_SCOPE_USE (the service account read a secret its RBAC does not grant).
 */
@TopologyTest
class ComposeExampleDataTest {

    @Test
    void importedExampleRbacAndExampleAuditLogGiveOneOutOfScopeSecretRead(@TempDir Path tmp) throws Exception {
        Path inventory = tmp.resolve("inventory.ndjson");
        Path alerts = tmp.resolve("alerts.ndjson");
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute("import", "k8s-rbac", DeployFiles.docker().resolve("import/k8s-rbac").toString(),
                    "--asof", "2026-11-01T00:00:00Z", "--out", inventory.toString()));
            assertEquals(0, Main.execute("replay", "--inventory", inventory.toString(),
                    "--input", "k8s-audit=" + DeployFiles.docker().resolve("logs/k8s-audit"), "--alerts", alerts.toString()));
        } finally {
            System.setErr(err);
        }
        List<String> got = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : Files.readAllLines(alerts)) {
            JsonNode a = m.readTree(line);
            got.add(a.get("type").asText() + " " + a.get("credentialId").asText() + " " + a.get("subject").asText());
        }
        assertEquals(List.of("OUT_OF_SCOPE_USE system:serviceaccount:billing:report-exporter secrets:get"), got);
    }
}
