package io.nhidrift.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.adapter.Events;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topics.AppTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology under {@link TopologyTestDriver}, with a vocabulary for detection tests:
 * inventory versions, normalized events or raw CloudTrail in, JSON alerts out. The mock wall clock
 * starts at the epoch; {@link #wallClock(String)} moves it (wall-clock punctuation).
 */
public final class DriftHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final AppConfig config;
    private final TestInputTopic<String, UsageEvent> events;
    private final TestInputTopic<String, byte[]> inventory;
    private final TestInputTopic<byte[], byte[]> rawCloudTrail;
    private final TestOutputTopic<String, byte[]> alertsJson;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final List<JsonNode> alerts = new ArrayList<>();
    private int eventSeq;
    private long wallClock;

    public DriftHarness() {
        this(Map.of());
    }

    public DriftHarness(Map<String, String> settings) {
        this(settings, TimeMode.REPLAY);
    }

    /** A harness in the given time mode; in {@link TimeMode#LIVE} set the wall clock before piping events. */
    public DriftHarness(Map<String, String> settings, TimeMode mode) {
        Map<String, String> s = new HashMap<>(Map.of("detect.allowed-lateness", "0s", "inputs", "cloudtrail"));
        s.putAll(settings);
        this.config = AppConfig.from(s);
        try {
            stateDir = Files.createTempDirectory("nhi-drift-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "nhi-drift-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        AppSerdes serdes = AppSerdes.create(null);
        driver = new TopologyTestDriver(TopologyFactory.build(config, serdes, TopologyFactory.Part.ALL, mode), p, Instant.EPOCH);
        AppTopics topics = AppTopics.of(config, serdes);
        events = topics.events().input(driver);
        inventory = topics.inventory().input(driver);
        rawCloudTrail = topics.raw("cloudtrail").input(driver);
        alertsJson = topics.alertsJson().valuesAsBytes().output(driver);
        deadLetters = topics.deadLetters().output(driver);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** Publishes an inventory record (CONTRACT section 3 JSON), keyed by its credentialId. */
    public DriftHarness inventory(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            String asOf = n.path("asOf").asText(null);
            long ts = asOf == null || asOf.equals("null") ? 0 : Instant.parse(asOf).toEpochMilli();
            inventory.pipeInput(n.get("credentialId").asText(), json.getBytes(StandardCharsets.UTF_8), ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A minimal inventory record. */
    public static String entitlement(String id, String asOf, String... grants) {
        String g = java.util.Arrays.stream(grants).map(x -> "\"" + x + "\"").collect(Collectors.joining(","));
        return "{\"credentialId\":\"" + id + "\",\"kind\":\"aws_access_key\",\"owner\":\"team-a\",\"grants\":[" + g
                + "],\"asOf\":\"" + asOf + "\"}";
    }

    public DriftHarness event(UsageEvent e) {
        events.pipeInput(e.getCredentialId(), e, e.getEventTime());
        return this;
    }

    /** A successful call with default caller facets. */
    public DriftHarness use(String id, String action, String time) {
        return event(call(id, action, time).build());
    }

    public UsageEvent.Builder call(String id, String action, String time) {
        return Events.builder("cloudtrail", "ev-" + (++eventSeq) + "-" + UUID.nameUUIDFromBytes((id + time + action).getBytes()),
                        id, action, Instant.parse(time).toEpochMilli())
                .setSourceIp("10.0.0.1")
                .setUserAgent("aws-cli/2.13.5 Python/3.11.4 Linux/5.10");
    }

    public DriftHarness rawCloudTrail(String json) {
        rawCloudTrail.pipeInput(null, json.getBytes(StandardCharsets.UTF_8), 0L);
        return this;
    }

    /** Moves the mock wall clock to an instant, firing wall-clock punctuation. */
    public DriftHarness wallClock(String instant) {
        long target = Instant.parse(instant).toEpochMilli();
        driver.advanceWallClockTime(Duration.ofMillis(target - wallClock));
        wallClock = target;
        return this;
    }

    /** All alerts emitted so far, in emission order. */
    public List<JsonNode> alerts() {
        for (byte[] v : alertsJson.readValuesToList()) {
            try {
                alerts.add(JSON.readTree(v));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return alerts;
    }

    public List<JsonNode> alerts(String type) {
        return alerts().stream().filter(a -> a.get("type").asText().equals(type)).toList();
    }

    public List<String> types() {
        return alerts().stream().map(a -> a.get("type").asText()).toList();
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
        try (var s = Files.walk(stateDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
