package io.nhidrift.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Json;
import io.nhidrift.config.AppConfig;
import io.nhidrift.replay.ReplayReport;
import io.nhidrift.replay.ReplayRunner;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.testing.LeakProbes;
import io.nhidrift.testing.SecretSamples;
import io.nhidrift.testing.TopologyTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret kind through every field each adapter keeps, for every format, through the production topology and
 * through {@code replay}: no piece of a secret in the alerts (JSON and Avro), the normalized events, the state the
 * query API serves, the dead-letter reasons, nor replay's output and stderr; and with {@code dead-letters.redact=true}
 * none in the dead letters' values either. Each probe record has its own inventoried credential with no grant, so
 * each one raises an alert whose evidence is that record's event.
 */
@TopologyTest
class SecretRedactionTopologyTest {

    private static final String AS_OF = "2026-01-01T00:00:00Z";

    @TempDir
    Path dir;

    private final long seed = System.nanoTime();
    private final List<SecretSamples.Secret> secrets = new SecretSamples(seed).all();
    private final LeakProbes probes = new LeakProbes();
    private final List<LeakProbes.Probe> fieldProbes = probes.fieldProbes(secrets);
    private final List<LeakProbes.Probe> rejectionProbes = probes.rejectionProbes(secrets);

    private static AppConfig config(boolean redactDeadLetters) {
        return AppConfig.from(Map.of("inputs", String.join(",", LeakProbes.formats()), "detect.allowed-lateness", "0s",
                "dead-letters.redact", Boolean.toString(redactDeadLetters)));
    }

    private static String inventoryLine(String credentialId) {
        return "{\"credentialId\":" + quoted(credentialId) + ",\"kind\":\"other\",\"grants\":[\"nothing:granted\"],\"asOf\":\""
                + AS_OF + "\"}";
    }

    private static String quoted(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What left the topology, as text (Avro strings are UTF-8 inside the binary encoding). */
    private record Outputs(String alertsJson, String alertsAvro, String findingsOcsf, String events, String state, String deadLetterHeaders,
            List<TestRecord<byte[], byte[]>> deadLetters, Set<String> alertedCredentials) {}

    private Outputs run(AppConfig config) {
        AppSerdes serdes = AppSerdes.create(null);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "secret-redaction-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + config.deadLettersRedacted()).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(TopologyFactory.build(config, serdes, TopologyFactory.Part.ALL,
                TimeMode.REPLAY), p, Instant.EPOCH)) {
            TestInputTopic<String, byte[]> inventory = driver.createInputTopic(config.topics().inventory(),
                    new StringSerializer(), new ByteArraySerializer());
            long asOf = Instant.parse(AS_OF).toEpochMilli();
            for (LeakProbes.Probe probe : fieldProbes) {
                inventory.pipeInput(probe.credentialId(), inventoryLine(probe.credentialId()).getBytes(StandardCharsets.UTF_8), asOf);
            }
            Map<String, TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
            List<LeakProbes.Probe> all = new ArrayList<>(fieldProbes);
            all.addAll(rejectionProbes);
            for (LeakProbes.Probe probe : all) {
                raw.computeIfAbsent(probe.format(), f -> driver.createInputTopic(config.topics().rawByFormat().get(f),
                        new ByteArraySerializer(), new ByteArraySerializer())).pipeInput(null, probe.record(), asOf);
            }
            StringBuilder json = new StringBuilder();
            Set<String> alerted = new TreeSet<>();
            for (byte[] v : driver.createOutputTopic(config.topics().alertsJson(), new StringDeserializer(),
                    new ByteArrayDeserializer()).readValuesToList()) {
                String a = new String(v, StandardCharsets.UTF_8);
                json.append(a).append('\n');
                alerted.add(readTree(a).get("credentialId").asText());
            }
            String avro = bytesText(driver.createOutputTopic(config.topics().alerts(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readValuesToList());
            String ocsf = bytesText(driver.createOutputTopic(config.topics().findingsOcsf(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readValuesToList());
            String events = bytesText(driver.createOutputTopic(config.topics().events(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readValuesToList());
            StringBuilder state = new StringBuilder();
            driver.getKeyValueStore(Names.CREDENTIAL_STATE_STORE).all().forEachRemaining(kv -> state.append(kv.value).append('\n'));
            List<TestRecord<byte[], byte[]>> dead = driver.createOutputTopic(config.topics().deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            StringBuilder headers = new StringBuilder();
            for (TestRecord<byte[], byte[]> d : dead) {
                for (Header h : d.headers()) {
                    headers.append(h.key()).append(": ").append(new String(h.value(), StandardCharsets.UTF_8)).append('\n');
                }
            }
            return new Outputs(json.toString(), avro, ocsf, events, state.toString(), headers.toString(), dead, alerted);
        }
    }

    private static JsonNode readTree(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bytesText(List<byte[]> values) {
        return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).collect(Collectors.joining("\n"));
    }

    private void assertNoLeak(String where, String text) {
        for (SecretSamples.Secret s : secrets) {
            String leak = s.leakIn(text);
            assertNull(leak, () -> s + " (SecretSamples seed " + seed + ") leaked '" + leak + "' into " + where);
        }
    }

    private Set<String> probedCredentials() {
        return fieldProbes.stream().map(LeakProbes.Probe::credentialId).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void noSecretReachesAlertsEventsStateOrDeadLetterReasons() {
        Outputs o = run(config(false));
        assertTrue(o.alertedCredentials().containsAll(probedCredentials()), "every probe raised an alert with its event as evidence");
        assertTrue(o.alertsJson().contains("[REDACTED:"), "markers tell what was redacted");
        assertNoLeak("alerts (JSON)", o.alertsJson());
        assertNoLeak("alerts (Avro)", o.alertsAvro());
        assertNoLeak("alerts (OCSF)", o.findingsOcsf());
        assertTrue(o.findingsOcsf().contains("[REDACTED:"), "the OCSF evidence is the redacted evidence");
        assertNoLeak("nhi.events", o.events());
        assertNoLeak("credential state (query API)", o.state());
        assertFalse(o.deadLetters().isEmpty(), "rejection probes were dead-lettered");
        assertNoLeak("dead-letter headers", o.deadLetterHeaders());
        assertTrue(o.deadLetterHeaders().chars().noneMatch(c -> c != '\n' && (c < 0x20 || c == 0x7f)), "escaped reasons");
        // by design the dead letter keeps the original bytes (README: the topic is sensitive)
        TestRecord<byte[], byte[]> first = o.deadLetters().get(0);
        assertTrue(rejectionProbes.stream().anyMatch(p -> java.util.Arrays.equals(p.record(), first.value())));
    }

    @Test
    void redactingDeadLettersCarryTheRedactedTextOfTheRecord() {
        Outputs o = run(config(true));
        assertFalse(o.deadLetters().isEmpty());
        for (TestRecord<byte[], byte[]> d : o.deadLetters()) {
            assertEquals("true", DeadLetters.header(d.headers(), DeadLetters.REDACTED));
            assertNoLeak("dead-letter value", new String(d.value(), StandardCharsets.UTF_8));
        }
        assertNoLeak("alerts (JSON)", o.alertsJson());
    }

    @Test
    void replayOutputAndStderrHoldNoSecret() throws IOException {
        Map<String, StringBuilder> files = new HashMap<>();
        List<LeakProbes.Probe> all = new ArrayList<>(fieldProbes);
        all.addAll(rejectionProbes);
        for (LeakProbes.Probe probe : all) {
            files.computeIfAbsent(probe.format(), f -> new StringBuilder()).append(probe.text()).append('\n');
        }
        List<ReplayRunner.Input> inputs = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey() + ".ndjson");
            Files.writeString(file, f.getValue());
            inputs.add(new ReplayRunner.Input(f.getKey(), file));
        }
        Path inventory = dir.resolve("inventory.ndjson");
        Files.writeString(inventory, fieldProbes.stream().map(p -> inventoryLine(p.credentialId()))
                .collect(Collectors.joining("\n")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplayReport report = new ReplayReport(new PrintStream(err, true, StandardCharsets.UTF_8));
        new ReplayRunner(AppConfig.defaults(), inputs, report).run(List.of(inventory), inputs, null, out);

        String alerts = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        Set<String> alerted = alerts.lines().map(l -> readTree(l).get("credentialId").asText()).collect(Collectors.toSet());
        assertTrue(alerted.containsAll(probedCredentials()), "every probe raised an alert");
        assertTrue(report.rejectedTotal() > 0, "rejection probes were reported");
        assertNoLeak("replay output", alerts);
        assertNoLeak("replay stderr", stderr);
        assertTrue(stderr.chars().noneMatch(c -> c != '\n' && (c < 0x20 || c == 0x7f)), "stderr is escaped: " + stderr);
    }
}
