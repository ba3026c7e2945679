package io.nhidrift.replay;

import io.nhidrift.config.AppConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch back-test (CONTRACT section 5) in bounded memory, running the production adapters, edge rules, engine and
 * detectors directly (no Kafka Streams): stage 1 ({@link TimelineReader}) normalizes the files into events on disk,
 * {@code replay.threads} files at a time ({@link OrderedParallel}), tallying their times as it goes
 * ({@link TimeSurvey.Tally}), and reads the inventory; the events are split by credential into one shard per thread
 * and ordered by event time ({@link ShardedSorter}, {@link ExternalSorter}: sorted runs, k-way merge);
 * {@link TimeSurvey} joins the tallies and finds the implausible times; stage 2 ({@link TimelineApplier})
 * applies each shard's events and inventory versions in order to its own {@code DriftEngine} on its own
 * {@link ReplayStateAccess} (objects in second-chance caches, the rest in RocksDB), a shard per thread as a stream task per
 * partition, evaluates time-based conditions once more at {@code until}, and writes the alerts ordered by
 * eventTime then alertId in the chosen {@link AlertFormat}. Alerts and report are the same for any number of
 * threads, and the same as the topology path ({@link TopologyReplayRunner}; ReplayEquivalenceTest).
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
    private final ReplayLimits limits;
    private final ReplayReport report;
    private AlertFormat format = AlertFormat.JSON;
    private ReplayProgress progress = ReplayProgress.QUIET;

    public ReplayRunner(AppConfig base, List<Input> inputs, ReplayReport report) {
        Set<String> formats = new LinkedHashSet<>();
        inputs.forEach(i -> formats.add(i.format()));
        if (formats.isEmpty()) {
            formats.add("cloudtrail");
        }
        // events are applied in order: no lateness; the final evaluation at --until is explicit
        this.config = base.with(Map.of("inputs", String.join(",", formats), "detect.allowed-lateness", "0s"));
        this.limits = ReplayLimits.from(config);
        this.report = report;
    }

    /** The line format of the alerts (default {@link AlertFormat#JSON}). */
    public ReplayRunner format(AlertFormat format) {
        this.format = format;
        return this;
    }

    /** Shows a progress line on stderr: on a terminal, or anywhere when {@code forced}. */
    public ReplayRunner progress(boolean forced) {
        this.progress = ReplayProgress.forStderr(report.err(), forced);
        return this;
    }

    /** Runs the replay and writes the alerts, one per line, ordered by eventTime then alertId; returns their number. */
    public long run(List<Path> inventories, List<Input> inputs, Instant until, OutputStream out) throws IOException {
        Path work = Files.createTempDirectory("nhi-drift-replay");
        long budget = Math.max(8L << 20, Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8));
        IdentityTally identities = new IdentityTally();
        int threads = limits.threads();
        try (ShardedSorter<TimelineEntry> events = new ShardedSorter<>(TimelineEntry.CODEC, work, "events", threads, threads, budget);
                ShardedSorter<TimelineEntry> dated = new ShardedSorter<>(TimelineEntry.CODEC, work, "inventory", threads, 1, budget / 4);
                ShardedSorter<TimelineEntry> undated = new ShardedSorter<>(TimelineEntry.CODEC, work, "undated", threads, 1, budget / 4)) {
            TimelineReader reader = new TimelineReader(config, limits, report, identities, progress);
            reader.learnFirstAsOf(inventories);
            reader.readEvents(inputs, events, threads);
            reader.readInventory(inventories, dated, undated);
            progress.end();
            TimeSurvey survey = TimeSurvey.of(reader.timeTallies(), events, limits.timeGap().toMillis(), reader.firstAsOf,
                    inputs, reader, report);
            identities.print(report.err(), reader.inventoryIds);
            report.lateInventory(survey.lateInventory());
            long untilMs = until != null ? until.toEpochMilli() : defaultUntil(survey, reader);
            long start = start(survey, reader, untilMs);
            TimelineApplier applier = new TimelineApplier(config, report, reader, inputs, progress, work, budget / 4);
            long alerts = applier.apply(events, dated, undated, survey, start, untilMs, format, out);
            progress.end();
            report.printSummary(alerts, Instant.ofEpochMilli(untilMs).toString());
            return alerts;
        } finally {
            deleteRecursively(work);
        }
    }

    /** The latest applied event time, else the latest inventory asOf, else now (as the topology path). */
    private static long defaultUntil(TimeSurvey survey, TimelineReader reader) {
        Long latest = survey.latestKept();
        if (latest != null) {
            return latest;
        }
        return reader.maxAsOf != Long.MIN_VALUE ? reader.maxAsOf : System.currentTimeMillis();
    }

    /** When inventory without asOf applies: the earliest time applied, else {@code until}. */
    private static long start(TimeSurvey survey, TimelineReader reader, long untilMs) {
        long start = Long.MAX_VALUE;
        Long first = survey.earliestKept();
        if (first != null && first <= untilMs) {
            start = first;
        }
        if (reader.minAsOf <= untilMs) {
            start = Math.min(start, reader.minAsOf);
        }
        return start == Long.MAX_VALUE ? untilMs : start;
    }

    private static void deleteRecursively(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
