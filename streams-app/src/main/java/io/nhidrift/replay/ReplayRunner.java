package io.nhidrift.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.Json;
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
            List<Step> steps = new ArrayList<>();
            normalize(inputs, serdes, stateDir, steps);
            readInventory(inventories, steps);
            long untilMs = until != null ? until.toEpochMilli() : latest(steps);
            steps.removeIf(s -> s.time > untilMs && countAfterUntil(s));
            long start = steps.stream().filter(s -> s.time != Long.MIN_VALUE).mapToLong(s -> s.time).min().orElse(untilMs);
            steps.forEach(s -> s.time = s.time == Long.MIN_VALUE ? start : s.time);
            steps.sort(Comparator.<Step>comparingLong(s -> s.time).thenComparingInt(s -> s.event == null ? 0 : 1)
                    .thenComparing(s -> s.sortKey).thenComparingLong(s -> s.seq));
            List<byte[]> alerts = detect(steps, serdes, stateDir, untilMs);
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

    private boolean countAfterUntil(Step s) {
        if (s.input != null) {
            report.input(s.input).afterUntil++;
        }
        return true;
    }

    private static long latest(List<Step> steps) {
        long events = steps.stream().filter(s -> s.event != null).mapToLong(s -> s.time).max().orElse(Long.MIN_VALUE);
        if (events != Long.MIN_VALUE) {
            return events;
        }
        return steps.stream().mapToLong(s -> s.time).filter(t -> t != Long.MIN_VALUE).max()
                .orElse(System.currentTimeMillis());
    }

    /** Stage 1: raw records through the normalization processors. */
    private void normalize(List<Input> inputs, AppSerdes serdes, Path stateDir, List<Step> steps) throws IOException {
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
                            steps.add(Step.event(e.value(), name, steps.size()));
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

    private void readInventory(List<Path> inventories, List<Step> steps) throws IOException {
        for (Path p : inventories) {
            for (Path file : RecordFileReader.files(p)) {
                RecordFileReader.read(file, r -> {
                    report.inventoryRecord();
                    steps.add(Step.inventory(r, inventoryKey(r.bytes()), asOf(r.bytes()), steps.size()));
                }, report::inventoryRejected);
            }
        }
    }

    /** Stage 2: events and inventory versions in event-time order through the detection processors. */
    private List<byte[]> detect(List<Step> steps, AppSerdes serdes, Path stateDir, long until) {
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
            for (Step s : steps) {
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

    private static String inventoryKey(byte[] bytes) {
        try {
            JsonNode n = Json.parse(bytes);
            return Json.text(n, "credentialId");
        } catch (Exception e) {
            return null;
        }
    }

    private static long asOf(byte[] bytes) {
        try {
            Long t = Json.isoMillis(Json.text(Json.parse(bytes), "asOf"));
            return t == null ? Long.MIN_VALUE : t;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One input of stage 2: an event or an inventory record, at its time. */
    private static final class Step {
        long time;
        final UsageEvent event;
        final RawRecord raw;
        final String inventoryKey;
        final String sortKey;
        final String input;
        final long seq;

        private Step(long time, UsageEvent event, RawRecord raw, String inventoryKey, String sortKey, String input, long seq) {
            this.time = time;
            this.event = event;
            this.raw = raw;
            this.inventoryKey = inventoryKey;
            this.sortKey = sortKey;
            this.input = input;
            this.seq = seq;
        }

        static Step event(UsageEvent e, String input, long seq) {
            return new Step(e.getEventTime(), e, null, null, e.getSource() + "\u0000" + e.getEventId(), input, seq);
        }

        static Step inventory(RawRecord r, String key, long asOf, long seq) {
            return new Step(asOf, null, r, key, key == null ? "" : key, null, seq);
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
