package io.nhidrift.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Json;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topology.DeadLetters;
import io.nhidrift.topology.TimeMode;
import io.nhidrift.topology.TopologyFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Batch back-test (CONTRACT section 5) through the production topology under
 * {@link TopologyTestDriver}, in two stages of the same processors: the normalization part turns the
 * files into events; the events and inventory versions are then applied in event-time order to the
 * detection part, and time-based conditions are evaluated once more at {@code until}.
 */
public final class ReplayRunner {

    /** One {@code --input FORMAT=PATH}. */
    public record Input(String format, Path path) {
        @Override
        public String toString() {
            return format + "=" + path;
        }
    }

    private final AppConfig config;
    private final ReplayReport report;

    public ReplayRunner(AppConfig base, List<Input> inputs, ReplayReport report) {
        Set<String> formats = new LinkedHashSet<>();
        inputs.forEach(i -> formats.add(i.format()));
        if (formats.isEmpty()) {
            formats.add("cloudtrail");
        }
        // sorted input has no lateness; wall-clock punctuation only serves the final evaluation at --until
        this.config = base.with(Map.of("inputs", String.join(",", formats), "detect.allowed-lateness", "0s"));
        this.report = report;
    }

    /** Runs the replay and writes the alerts, one JSON object per line, ordered by eventTime then alertId. */
    public long run(List<Path> inventories, List<Input> inputs, Instant until, OutputStream out) throws IOException {
        Path stateDir = Files.createTempDirectory("nhi-drift-replay");
        try {
            AppSerdes serdes = AppSerdes.create(null);
            ReplayTimeline timeline = new ReplayTimeline();
            normalize(inputs, serdes, stateDir, timeline);
            readInventory(inventories, timeline);
            long untilMs = timeline.order(until, input -> report.input(input).afterUntil++);
            List<byte[]> alerts = detect(timeline.steps(), serdes, stateDir, untilMs);
            for (byte[] a : alerts) {
                out.write(a);
                out.write('\n');
            }
            out.flush();
            report.printSummary(alerts.size(), Instant.ofEpochMilli(untilMs).toString());
            return alerts.size();
        } finally {
            deleteRecursively(stateDir);
        }
    }

    /** Stage 1: raw records through the normalization processors. */
    private void normalize(List<Input> inputs, AppSerdes serdes, Path stateDir, ReplayTimeline timeline)
            throws IOException {
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TopologyFactory.build(config, serdes, TopologyFactory.Part.NORMALIZE, TimeMode.REPLAY), props(stateDir, "normalize"))) {
            TestOutputTopic<String, UsageEvent> events = driver.createOutputTopic(config.topics().events(),
                    new StringDeserializer(), serdes.usageEvent().deserializer());
            TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(config.topics().deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (Input input : inputs) {
                String name = input.toString();
                ReplayReport.InputCounts counts = report.input(name);
                TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(config.topics().rawByFormat().get(input.format()),
                        new ByteArraySerializer(), new ByteArraySerializer());
                double skippedBefore = skippedMetric(driver, input.format());
                for (Path file : RecordFileReader.files(input.path())) {
                    RecordFileReader.read(file, r -> {
                        counts.records++;
                        raw.pipeInput(null, r.bytes(), 0L);
                        for (TestRecord<String, UsageEvent> e : events.readRecordsToList()) {
                            counts.events++;
                            timeline.addEvent(e.value(), name);
                        }
                        for (TestRecord<byte[], byte[]> d : dead.readRecordsToList()) {
                            counts.rejected++;
                            report.rejected(r.origin(), input.format(), DeadLetters.header(d.headers(), DeadLetters.REASON));
                        }
                    }, (origin, reason) -> {
                        counts.rejected++;
                        report.rejected(origin, input.format(), reason);
                    });
                }
                counts.skipped += (long) (skippedMetric(driver, input.format()) - skippedBefore);
            }
        }
    }

    private void readInventory(List<Path> inventories, ReplayTimeline timeline) throws IOException {
        for (Path p : inventories) {
            for (Path file : RecordFileReader.files(p)) {
                RecordFileReader.read(file, r -> {
                    report.inventoryRecord();
                    timeline.addInventory(r);
                }, report::inventoryRejected);
            }
        }
    }

    /** Stage 2: events and inventory versions in event-time order through the detection processors. */
    private List<byte[]> detect(List<ReplayTimeline.Step> steps, AppSerdes serdes, Path stateDir, long until) {
        List<Alert> alerts = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TopologyFactory.build(config, serdes, TopologyFactory.Part.DETECT, TimeMode.REPLAY), props(stateDir, "detect"),
                Instant.EPOCH)) {
            TestInputTopic<String, UsageEvent> events = driver.createInputTopic(config.topics().events(),
                    new StringSerializer(), serdes.usageEvent().serializer());
            TestInputTopic<String, byte[]> inventory = driver.createInputTopic(config.topics().inventory(),
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, byte[]> json = driver.createOutputTopic(config.topics().alertsJson(),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(config.topics().deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> avro = driver.createOutputTopic(config.topics().alerts(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (ReplayTimeline.Step s : steps) {
                long ts = Math.max(0, s.time);
                if (s.event != null) {
                    events.pipeInput(s.event.getCredentialId(), s.event, ts);
                } else {
                    inventory.pipeInput(s.inventoryKey, s.raw.bytes(), ts);
                    for (TestRecord<byte[], byte[]> d : dead.readRecordsToList()) {
                        report.inventoryRejected(s.raw.origin(), DeadLetters.header(d.headers(), DeadLetters.REASON));
                    }
                }
                collect(json, avro, alerts);
            }
            driver.advanceWallClockTime(Duration.ofMillis(Math.max(0, until)));
            collect(json, avro, alerts);
        }
        alerts.sort(Comparator.comparingLong((Alert a) -> a.eventTime).thenComparing(a -> a.alertId));
        alerts.forEach(a -> report.alert(a.type));
        return alerts.stream().map(a -> a.json).toList();
    }

    private static void collect(TestOutputTopic<String, byte[]> json, TestOutputTopic<byte[], byte[]> avro, List<Alert> out) {
        for (byte[] v : json.readValuesToList()) {
            out.add(Alert.of(v));
        }
        avro.readRecordsToList(); // the Avro twin of each alert; not part of the replay output
    }

    private static double skippedMetric(TopologyTestDriver driver, String format) {
        String name = "records-skipped-" + format + "-total";
        return driver.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private Properties props(Path stateDir, String stage) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "nhi-drift-replay-" + stage);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(stage).toString());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        p.put("processing.exception.handler.global.enabled", true);
        return p;
    }

    private static void deleteRecursively(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An alert line with its sort keys. */
    private record Alert(long eventTime, String alertId, String type, byte[] json) {
        static Alert of(byte[] json) {
            try {
                JsonNode n = Json.MAPPER.readTree(json);
                return new Alert(Instant.parse(n.get("eventTime").asText()).toEpochMilli(), n.get("alertId").asText(),
                        n.get("type").asText(), json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
