package io.nhidrift.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Json;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topics.AppTopics;
import io.nhidrift.topology.DeadLetters;
import io.nhidrift.topology.NormalizeMetrics;
import io.nhidrift.topology.TimeMode;
import io.nhidrift.topology.TopologyFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.function.BiConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The first implementation of {@code replay}, kept as the reference the direct path ({@link ReplayRunner}) is
 * compared with (ReplayEquivalenceTest) and behind the hidden option {@code replay --via-topology}. It holds every
 * event in memory: for small inputs only.
 *
 * <p>Batch back-test (CONTRACT section 5) through the production topology under
 * {@link TopologyTestDriver}, in two stages of the same processors: the normalization part turns the
 * files into events; the events and inventory versions are then applied in event-time order to the
 * detection part, and time-based conditions are evaluated once more at {@code until}.
 */
public final class TopologyReplayRunner {

    /** One {@code --input FORMAT=PATH}. */

    private final AppConfig config;
    private final ReplayLimits limits;
    private final ReplayReport report;
    /** Who the events came from, by identity class (reported; humans and platform raise no NHI alerts). */
    private final IdentityTally identities = new IdentityTally();

    public TopologyReplayRunner(AppConfig base, List<ReplayRunner.Input> inputs, ReplayReport report) {
        Set<String> formats = new LinkedHashSet<>();
        inputs.forEach(i -> formats.add(i.format()));
        if (formats.isEmpty()) {
            formats.add("cloudtrail");
        }
        // sorted input has no lateness; wall-clock punctuation only serves the final evaluation at --until
        this.config = base.with(Map.of("inputs", String.join(",", formats), "detect.allowed-lateness", "0s"));
        this.limits = ReplayLimits.from(config);
        this.report = report;
    }

    /** Runs the replay and writes the alerts, one JSON object per line, ordered by eventTime then alertId. */
    public long run(List<Path> inventories, List<ReplayRunner.Input> inputs, Instant until, OutputStream out) throws IOException {
        Path stateDir = Files.createTempDirectory("nhi-drift-replay");
        try {
            AppSerdes serdes = AppSerdes.create(null);
            ReplayTimeline timeline = new ReplayTimeline();
            normalize(inputs, serdes, stateDir, timeline);
            readInventory(inventories, timeline);
            timeline.dropImplausible(limits.timeGap().toMillis(), report);
            identities.print(report.err(), timeline.inventoryIds());
            report.lateInventory(LateInventory.of(timeline.steps())); // before order drops inventory after --until
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
    private void normalize(List<ReplayRunner.Input> inputs, AppSerdes serdes, Path stateDir, ReplayTimeline timeline)
            throws IOException {
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TopologyFactory.build(config, serdes, TopologyFactory.Part.NORMALIZE, TimeMode.REPLAY), props(stateDir, "normalize"))) {
            AppTopics topics = AppTopics.of(config, serdes);
            TestOutputTopic<String, UsageEvent> events = topics.events().output(driver);
            TestOutputTopic<byte[], byte[]> dead = topics.deadLetters().output(driver);
            for (ReplayRunner.Input input : inputs) {
                String name = input.toString();
                ReplayReport.InputCounts counts = report.input(name);
                counts.format = input.format();
                TestInputTopic<byte[], byte[]> raw = topics.raw(input.format()).input(driver);
                List<Metric> skipped = NormalizeMetrics.skippedMetrics(driver.metrics(), input.format());
                BiConsumer<String, String> unreadable = (origin, reason) -> {
                    counts.rawRecords++;
                    counts.rejected++;
                    report.rejected(origin, input.format(), reason);
                };
                var byReasonBefore = NormalizeMetrics.skippedByReason(driver.metrics(), input.format());
                var looksLikeBefore = NormalizeMetrics.skippedLooksLike(driver.metrics(), input.format());
                for (Path file : RecordFileReader.files(input.path(), unreadable)) {
                    RecordFileReader.read(file, input.format(), limits,
                            r -> normalizeRecord(r, input.format(), name, raw, events, dead, skipped, counts, timeline), unreadable);
                }
                counts.addSkippedByReason(byReasonBefore, NormalizeMetrics.skippedByReason(driver.metrics(), input.format()));
                counts.addLooksLike(looksLikeBefore, NormalizeMetrics.skippedLooksLike(driver.metrics(), input.format()));
            }
        }
    }

    /**
     * One raw record through the normalization processors, accounted for: its events, its parts that are not
     * attributable, or its rejection (a dead letter, or a failure of the processor, e.g. an event time before 1970
     * that no Kafka record can carry). A record that yields nothing at all counts as not attributable.
     */
    private void normalizeRecord(RawRecord r, String format, String name, TestInputTopic<byte[], byte[]> raw,
            TestOutputTopic<String, UsageEvent> events, TestOutputTopic<byte[], byte[]> dead, List<Metric> skipped,
            ReplayReport.InputCounts counts, ReplayTimeline timeline) {
        counts.rawRecords++;
        double skippedBefore = sum(skipped);
        long rejected = 0;
        try {
            raw.pipeInput(null, r.bytes(), 0L);
        } catch (RuntimeException e) {
            rejected++;
            report.rejected(r.origin(), format, "cannot be normalized: " + rootMessage(e));
        }
        long produced = 0;
        for (TestRecord<String, UsageEvent> e : events.readRecordsToList()) {
            produced++;
            identities.add(e.value());
            timeline.addEvent(e.value(), name, r.origin());
        }
        for (TestRecord<byte[], byte[]> d : dead.readRecordsToList()) {
            rejected++;
            String reason = DeadLetters.header(d.headers(), DeadLetters.REASON);
            counts.rejectedBecause(reason);
            report.rejected(r.origin(), format, reason);
        }
        long notAttributable = (long) (sum(skipped) - skippedBefore);
        if (produced + notAttributable + rejected == 0) {
            notAttributable = 1;
            counts.skippedByReason.merge(SkipReason.OTHER, 1L, Long::sum);
        }
        counts.events += produced;
        counts.skipped += notAttributable;
        counts.rejected += rejected;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + io.nhidrift.json.Json.firstLine(t.getMessage());
    }

    private void readInventory(List<Path> inventories, ReplayTimeline timeline) throws IOException {
        for (Path p : inventories) {
            for (Path file : RecordFileReader.files(p, report::inventoryRejected)) {
                RecordFileReader.read(file, "inventory", limits, r -> {
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
            AppTopics topics = AppTopics.of(config, serdes);
            TestInputTopic<String, UsageEvent> events = topics.events().input(driver);
            TestInputTopic<String, byte[]> inventory = topics.inventory().input(driver);
            TestOutputTopic<String, byte[]> json = topics.alertsJson().valuesAsBytes().output(driver);
            TestOutputTopic<byte[], byte[]> dead = topics.deadLetters().output(driver);
            TestOutputTopic<byte[], byte[]> avro = topics.alerts().asBytes().output(driver);
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

    private static double sum(List<Metric> metrics) {
        double s = 0;
        for (Metric m : metrics) {
            s += ((Number) m.metricValue()).doubleValue();
        }
        return s;
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
