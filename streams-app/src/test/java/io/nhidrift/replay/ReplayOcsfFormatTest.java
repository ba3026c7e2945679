package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.cli.Main;
import io.nhidrift.ocsf.OcsfSchema;
import io.nhidrift.ocsf.OcsfValidator;
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
 * {@code replay --format ocsf} writes, line for line, the OCSF finding of each alert {@code --format json} writes,
 * in the same order, and every line is valid against the OCSF 1.8.0 schema: a SIEM team can back-test with it.
 */
@TopologyTest
class ReplayOcsfFormatTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws Exception {
        new MixedHistoryGenerator().write(dir);
    }

    private static List<String> replay(String format) throws Exception {
        Path out = dir.resolve("alerts." + format);
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute("replay", "--inventory", dir.resolve("inventory.ndjson").toString(),
                    "--input", "cloudtrail=" + dir.resolve("ct"), "--input", "gcp-audit=" + dir.resolve("gcp.ndjson"),
                    "--input", "k8s-audit=" + dir.resolve("k8s.ndjson"), "--input", "kong=" + dir.resolve("kong.ndjson"),
                    "--until", "2026-05-01T00:00:00Z", "--format", format, "--alerts", out.toString()));
        } finally {
            System.setErr(original);
        }
        return Files.readAllLines(out);
    }

    @Test
    void everyAlertBecomesOneValidFindingInTheSameOrder() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> json = replay("json");
        List<String> ocsf = replay("ocsf");
        assertFalse(json.isEmpty(), "the generated history raises alerts");
        assertEquals(json.size(), ocsf.size(), "one finding per alert");
        OcsfValidator validator = new OcsfValidator(OcsfSchema.fromBuild());
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode alert = mapper.readTree(json.get(i));
            JsonNode finding = mapper.readTree(ocsf.get(i));
            assertEquals(alert.get("alertId").asText(), finding.at("/finding_info/uid").asText(), "line " + (i + 1));
            assertEquals(alert.get("summary").asText(), finding.at("/finding_info/desc").asText(), "line " + (i + 1));
            List<String> errors = validator.validate(finding);
            assertTrue(errors.isEmpty(), "line " + (i + 1) + " (" + alert.get("type").asText() + "): " + errors);
            classes.add(alert.get("type").asText() + "=" + finding.get("class_uid").asInt());
        }
        assertTrue(classes.contains("UNUSED_ENTITLEMENT=2008"), "UNUSED_ENTITLEMENT is an IAM analysis finding: " + classes);
        assertTrue(classes.contains("OUT_OF_SCOPE_USE=2004"), "the rest are detection findings: " + classes);
    }
}
