package io.nhidrift.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.cloudtrail.CloudTrailAdapter;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import io.nhidrift.detect.AlertType;
import io.nhidrift.replay.ReplayReport;
import io.nhidrift.replay.ReplayRunner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.TopologyTest;

/** The demo scenario, replayed through the production topology, raises every alert type on its intended credential. */
@TopologyTest
class DemoScenarioTest {

    private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static List<JsonNode> alerts;

    @BeforeAll
    static void replay() throws Exception {
        Path inventory = dir.resolve("inventory.ndjson");
        Files.write(inventory, DemoScenario.inventoryLines(NOW), StandardCharsets.UTF_8);
        Path ct = Files.createDirectories(dir.resolve("cloudtrail"));
        CloudTrailGenerator gen = new CloudTrailGenerator(42L);
        List<Call> history = DemoScenario.history(NOW);
        List<byte[]> batch = new ArrayList<>();
        int file = 0;
        for (Call c : history) {
            batch.add(gen.record(c));
            if (batch.size() == 25) {
                Files.write(ct.resolve(String.format("part-%05d.json", file++)), CloudTrailGenerator.s3Delivery(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            Files.write(ct.resolve(String.format("part-%05d.json", file)), CloudTrailGenerator.s3Delivery(batch));
        }
        ReplayReport report = new ReplayReport(System.err);
        List<ReplayRunner.Input> inputs = List.of(new ReplayRunner.Input("cloudtrail", ct));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReplayRunner(AppConfig.defaults(), inputs, report).run(List.of(inventory), inputs, null, out);
        assertEquals(0, report.rejectedTotal(), "every generated record and inventory line parses");
        alerts = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                alerts.add(MAPPER.readTree(line));
            }
        }
        Map<String, TreeSet<String>> byType = new TreeMap<>();
        alerts.forEach(a -> byType.computeIfAbsent(a.get("type").asText(), k -> new TreeSet<>())
                .add(a.get("credentialId").asText()));
        System.err.println("DemoScenarioTest: " + history.size() + " calls, " + alerts.size() + " alerts: " + byType);
    }

    @Test
    void everyAlertTypeFiresOnItsIntendedCredential() {
        Map<AlertType, String> intended = Map.ofEntries(
                Map.entry(AlertType.OUT_OF_SCOPE_USE, DemoScenario.EXPORTER_KEY),
                Map.entry(AlertType.NEW_CALLER, DemoScenario.EXPORTER_KEY),
                Map.entry(AlertType.ACCESS_DENIED_BURST, DemoScenario.EXPORTER_KEY),
                Map.entry(AlertType.ENTITLEMENT_EXPANDED, DemoScenario.CI_ROLE),
                Map.entry(AlertType.UNUSED_ENTITLEMENT, DemoScenario.BACKUP_KEY),
                Map.entry(AlertType.DORMANT_REACTIVATED, DemoScenario.DORMANT_KEY),
                Map.entry(AlertType.EXPIRED_CREDENTIAL_USE, DemoScenario.EXPIRED_KEY),
                Map.entry(AlertType.REVOKED_CREDENTIAL_USE, DemoScenario.REVOKED_KEY),
                Map.entry(AlertType.ROTATION_OVERDUE, DemoScenario.ROTATION_KEY),
                Map.entry(AlertType.HUMAN_USE, DemoScenario.HUMAN_KEY),
                Map.entry(AlertType.UNKNOWN_CREDENTIAL, DemoScenario.UNKNOWN_KEY),
                Map.entry(AlertType.SESSION_CREDENTIAL_MOVED, DemoScenario.INSTANCE_ROLE));
        assertEquals(AlertType.values().length, intended.size() + 1, "all types but IDLE_CREDENTIAL listed");
        intended.forEach((type, credential) -> assertTrue(has(type, credential),
                type + " for " + credential + "; got " + summary()));
        for (String idle : List.of(DemoScenario.LEGACY_KEY, DemoScenario.NEVER_USED_KEY, DemoScenario.DORMANT_KEY)) {
            assertTrue(has(AlertType.IDLE_CREDENTIAL, idle), "IDLE_CREDENTIAL for " + idle + "; got " + summary());
        }
    }

    @Test
    void alertsCarryTheIntendedSubjectsAndTimes() {
        assertTrue(find(AlertType.OUT_OF_SCOPE_USE, DemoScenario.EXPORTER_KEY).stream()
                .anyMatch(a -> a.get("subject").asText().equals("iam:CreateUser")));
        assertTrue(find(AlertType.NEW_CALLER, DemoScenario.EXPORTER_KEY).stream()
                .anyMatch(a -> a.get("subject").asText().equals("network:203.0.113.0/24")));
        assertTrue(find(AlertType.NEW_CALLER, DemoScenario.EXPORTER_KEY).stream()
                .anyMatch(a -> a.get("subject").asText().equals("agent:python-requests")));
        assertEquals("[\"iam:PassRole\"]",
                find(AlertType.ENTITLEMENT_EXPANDED, DemoScenario.CI_ROLE).get(0).get("subject").toString());
        assertEquals("[\"ec2:*\"]", find(AlertType.UNUSED_ENTITLEMENT, DemoScenario.BACKUP_KEY).get(0).get("subject").toString());
        assertEquals(Instant.ofEpochMilli(NOW - 15 * DemoScenario.DAY).toString(),
                find(AlertType.IDLE_CREDENTIAL, DemoScenario.NEVER_USED_KEY).get(0).get("eventTime").asText());
        assertEquals(1, find(AlertType.ACCESS_DENIED_BURST, DemoScenario.EXPORTER_KEY).size());
        assertEquals("mozilla", find(AlertType.HUMAN_USE, DemoScenario.HUMAN_KEY).get(0).get("subject").asText());
    }

    @Test
    void normalCredentialsRaiseNoScopeOrCallerAlerts() {
        for (JsonNode a : alerts) {
            String cred = a.get("credentialId").asText();
            if (cred.equals(DemoScenario.CI_ROLE)) {
                assertEquals("ENTITLEMENT_EXPANDED", a.get("type").asText(), "CI role: " + a);
            }
            if (cred.equals(DemoScenario.BACKUP_KEY)) {
                assertEquals("UNUSED_ENTITLEMENT", a.get("type").asText(), "backup key: " + a);
            }
            if (a.get("type").asText().equals("OUT_OF_SCOPE_USE")) {
                assertEquals(DemoScenario.EXPORTER_KEY, cred, "only the leaked exporter key goes out of scope: " + a);
            }
        }
    }

    @Test
    void generatorIsDeterministicAndRealistic() throws Exception {
        List<Call> h = DemoScenario.history(NOW);
        assertEquals(h, DemoScenario.history(NOW));
        for (int i = 1; i < h.size(); i++) {
            assertTrue(h.get(i - 1).time() <= h.get(i).time());
        }
        assertTrue(h.get(0).time() > NOW - 120 * DemoScenario.DAY && h.get(h.size() - 1).time() < NOW);
        CloudTrailGenerator a = new CloudTrailGenerator(1L);
        CloudTrailGenerator b = new CloudTrailGenerator(1L);
        CloudTrailAdapter adapter = new CloudTrailAdapter();
        long total = 0;
        for (Call c : h.subList(0, 400)) {
            byte[] x = a.record(c);
            assertTrue(Arrays.equals(x, b.record(c)));
            total += x.length;
            ParseResult r = adapter.parse(x);
            assertEquals(1, r.events().size(), new String(x, StandardCharsets.UTF_8));
            UsageEvent e = r.events().get(0);
            assertEquals(c.credentialId(), e.getCredentialId());
            assertEquals(c.time() / 1000 * 1000, e.getEventTime());
        }
        long avg = total / 400;
        assertTrue(avg >= 900 && avg <= 1700, "average record size " + avg);

        Call role = h.stream().filter(Call::isRole).filter(c -> c.eventName().startsWith("UpdateFunctionCode")).findFirst()
                .orElseThrow();
        JsonNode n = MAPPER.readTree(a.record(role));
        assertEquals("AssumedRole", n.at("/userIdentity/type").asText());
        assertEquals(DemoScenario.CI_ROLE, n.at("/userIdentity/sessionContext/sessionIssuer/arn").asText());
        assertTrue(n.at("/userIdentity/accessKeyId").asText().startsWith("ASIA"));
        assertEquals("lambda:UpdateFunctionCode", adapter.parse(a.record(role)).events().get(0).getAction());

        Call denied = h.stream().filter(Call::denied).findFirst().orElseThrow();
        JsonNode d = MAPPER.readTree(a.record(denied));
        assertEquals("AccessDenied", d.get("errorCode").asText());
        assertTrue(d.get("errorMessage").asText().contains("is not authorized to perform"));
        assertTrue(adapter.parse(a.record(denied)).events().get(0).getDenied());

        JsonNode delivery = MAPPER.readTree(CloudTrailGenerator.s3Delivery(List.of(a.record(role), a.record(denied))));
        assertEquals(2, delivery.get("Records").size());

        Random r = new Random(3);
        Set<String> normal = Set.of(DemoScenario.EXPORTER_KEY, DemoScenario.CI_ROLE, DemoScenario.HUMAN_KEY,
                DemoScenario.BACKUP_KEY);
        for (int i = 0; i < 50; i++) {
            Call live = DemoScenario.liveCall(NOW + i, r);
            assertTrue(normal.contains(live.credentialId()));
            assertFalse(live.denied());
            assertEquals(NOW + i, live.time());
        }
    }

    private static boolean has(AlertType type, String credential) {
        return !find(type, credential).isEmpty();
    }

    private static List<JsonNode> find(AlertType type, String credential) {
        return alerts.stream().filter(a -> a.get("type").asText().equals(type.name()))
                .filter(a -> a.get("credentialId").asText().equals(credential)).toList();
    }

    private static String summary() {
        List<String> s = new ArrayList<>();
        alerts.forEach(a -> s.add(a.get("type").asText() + "@" + a.get("credentialId").asText()));
        return String.join(", ", new TreeSet<>(s));
    }
}
