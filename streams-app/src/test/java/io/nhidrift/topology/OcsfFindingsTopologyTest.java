package io.nhidrift.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.config.AppConfig;
import io.nhidrift.demo.CloudTrailGenerator;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import io.nhidrift.demo.DemoScenario;
import io.nhidrift.detect.AlertType;
import io.nhidrift.ocsf.OcsfSchema;
import io.nhidrift.ocsf.OcsfValidator;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.testing.TopologyTest;
import io.nhidrift.topics.AppTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario (every alert type) through the production topology: each alert reaches the OCSF topic as a
 * finding keyed by its credential id, and every finding is valid OCSF 1.8.0 by the schema files.
 */
@TopologyTest
class OcsfFindingsTopologyTest {

    private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DriftHarness harness;
    private static List<JsonNode> alerts;
    private static List<TestRecord<String, byte[]>> findings;

    private record Input(long time, String inventory, Call call) {}

    @BeforeAll
    static void runTheDemoScenario() throws IOException {
        harness = new DriftHarness();
        AppTopics topics = AppTopics.of(AppConfig.from(Map.of("inputs", "cloudtrail")), AppSerdes.create(null));
        TestOutputTopic<String, byte[]> ocsf = topics.findingsOcsf().valuesAsBytes().output(harness.driver());
        List<Input> inputs = new ArrayList<>();
        for (String line : DemoScenario.inventoryLines(NOW)) {
            inputs.add(new Input(Instant.parse(JSON.readTree(line).get("asOf").asText()).toEpochMilli(), line, null));
        }
        DemoScenario.history(NOW).forEach(c -> inputs.add(new Input(c.time(), null, c)));
        inputs.sort(Comparator.comparingLong(Input::time));
        CloudTrailGenerator generator = new CloudTrailGenerator(42L);
        long last = 0;
        for (Input in : inputs) {
            if (in.inventory() != null) {
                harness.inventory(in.inventory());
            } else {
                harness.rawCloudTrail(new String(generator.record(in.call()), StandardCharsets.UTF_8));
            }
            last = Math.max(last, in.time());
        }
        harness.wallClock(Instant.ofEpochMilli(last).toString());
        alerts = harness.alerts();
        findings = ocsf.readRecordsToList();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void everyAlertTypeIsAValidOcsfFinding() {
        OcsfValidator validator = new OcsfValidator(OcsfSchema.fromBuild());
        Set<AlertType> seen = EnumSet.noneOf(AlertType.class);
        Map<String, List<String>> invalid = new TreeMap<>();
        for (TestRecord<String, byte[]> r : findings) {
            JsonNode f = parse(r.value());
            String type = f.at("/finding_info/analytic/uid").asText();
            seen.add(AlertType.valueOf(type));
            List<String> errors = validator.validate(f);
            if (!errors.isEmpty()) {
                invalid.putIfAbsent(type, errors);
            }
        }
        assertEquals(Map.of(), invalid, "findings that OCSF 1.8.0 rejects, first per type");
        assertEquals(EnumSet.allOf(AlertType.class), seen, "alert types seen as OCSF findings");
    }

    @Test
    void eachAlertHasOneFindingKeyedByItsCredential() {
        assertFalse(alerts.isEmpty());
        Map<String, String> credentialByAlert = alerts.stream()
                .collect(Collectors.toMap(a -> a.get("alertId").asText(), a -> a.get("credentialId").asText()));
        Map<String, String> credentialByFinding = new TreeMap<>();
        for (TestRecord<String, byte[]> r : findings) {
            credentialByFinding.put(parse(r.value()).at("/finding_info/uid").asText(), r.key());
        }
        assertEquals(alerts.size(), findings.size(), "one finding per alert");
        assertEquals(new TreeMap<>(credentialByAlert), credentialByFinding, "finding uid = alertId, key = credentialId");
    }

    @Test
    void unusedEntitlementIsAnIamAnalysisFindingAndTheRestDetectionFindings() {
        for (TestRecord<String, byte[]> r : findings) {
            JsonNode f = parse(r.value());
            boolean unused = f.at("/finding_info/analytic/uid").asText().equals(AlertType.UNUSED_ENTITLEMENT.name());
            assertEquals(unused ? 2008 : 2004, f.get("class_uid").asInt(), f.toString());
        }
    }

    @Test
    void findingsCarryTheSameTextTimeAndMappingsAsTheirAlerts() {
        Map<String, JsonNode> byId = alerts.stream().collect(Collectors.toMap(a -> a.get("alertId").asText(), a -> a));
        for (TestRecord<String, byte[]> r : findings) {
            JsonNode f = parse(r.value());
            JsonNode a = byId.get(f.at("/finding_info/uid").asText());
            assertEquals(a.get("summary").asText(), f.at("/finding_info/desc").asText());
            assertEquals(Instant.parse(a.get("eventTime").asText()).toEpochMilli(), f.get("time").asLong());
            assertEquals(Instant.parse(a.get("eventTime").asText()).toEpochMilli(), r.timestamp(), "record stamped with the event time");
            assertTrue(f.at("/finding_info/types").toString().contains(a.at("/references/owaspNhi").asText()), f.toString());
            String technique = a.at("/references/mitreAttack").asText().split(" ")[0];
            assertTrue(f.at("/attacks").toString().contains("\"" + technique + "\""), technique + " in " + f.at("/attacks"));
            if (a.hasNonNull("remediation")) {
                assertEquals(a.get("remediation").asText(), f.at("/remediation/desc").asText());
            }
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
