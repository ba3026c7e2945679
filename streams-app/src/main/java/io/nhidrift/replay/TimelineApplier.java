package io.nhidrift.replay;

import io.nhidrift.adapter.RejectionReason;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.detect.DriftEngine;
import io.nhidrift.topology.EdgeRules;
import io.nhidrift.topology.InventoryValidator;
import io.nhidrift.topology.TimeMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stage 2 of the direct replay: events and inventory versions in order (inventory without asOf at {@code start},
 * nothing after {@code until}, no implausible event) through the production {@link DriftEngine}, as the topology's
 * inventory-parse and detect processors would (the engine's wall clock is the epoch, as under the test driver);
 * then the final evaluation at {@code until}; then the alerts, sorted on disk, written through one
 * {@link AlertFormat}.
 */
final class TimelineApplier {

    /** The engine's wall clock: a replay runs on event time alone (the topology path starts its driver at the epoch). */
    private static final long WALL_CLOCK = 0L;

    private final AppConfig config;
    private final ReplayReport report;
    private final TimelineReader reader;
    private final List<ReplayRunner.Input> inputs;
    private final ReplayProgress progress;
    private final Path work;
    private final long alertBudget;

    TimelineApplier(AppConfig config, ReplayReport report, TimelineReader reader, List<ReplayRunner.Input> inputs,
            ReplayProgress progress, Path work, long alertBudget) {
        this.config = config;
        this.report = report;
        this.reader = reader;
        this.inputs = inputs;
        this.progress = progress;
        this.work = work;
        this.alertBudget = alertBudget;
    }

    /**
     * Applies everything, one shard of credentials per thread (each with its own engine and state, as a stream task
     * per partition), then writes every shard's alerts merged in order to {@code out}; returns their number. What
     * the shards report is put in timeline order first, so the report does not depend on the number of shards.
     */
    long apply(ShardedSorter<TimelineEntry> events, ShardedSorter<TimelineEntry> dated,
            ShardedSorter<TimelineEntry> undated, TimeSurvey survey, long start, long until, AlertFormat format,
            OutputStream out) throws IOException {
        int n = events.shards();
        List<Shard> shards = new ArrayList<>();
        AtomicLong applied = new AtomicLong();
        try {
            for (int i = 0; i < n; i++) {
                shards.add(new Shard(i, n, survey, applied));
            }
            runAll(shards, events, dated, undated, start, until, applied, events.count());
            List<Rejected> rejected = new ArrayList<>();
            for (Shard s : shards) {
                rejected.addAll(s.rejected);
                for (int k = 0; k < s.afterUntil.length; k++) {
                    report.input(inputs.get(k).toString()).afterUntil += s.afterUntil[k];
                }
            }
            rejected.sort((x, y) -> TimelineEntry.CODEC.compare(x.entry(), y.entry()));
            rejected.forEach(r -> report.inventoryRejected(reader.origin(r.entry()), r.reason()));
            List<Path> runs = new ArrayList<>();
            for (Shard s : shards) {
                runs.addAll(s.alerts.finishedRuns());
            }
            return write(new ExternalSorter.Merge<>(AlertEntry.CODEC, runs), format, out);
        } finally {
            for (Shard s : shards) {
                s.close();
            }
        }
    }

    private void runAll(List<Shard> shards, ShardedSorter<TimelineEntry> events, ShardedSorter<TimelineEntry> dated,
            ShardedSorter<TimelineEntry> undated, long start, long until, AtomicLong applied, long total) throws IOException {
        List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
        for (Shard s : shards) {
            tasks.add(() -> {
                s.run(events, dated, undated, start, until);
                return null;
            });
        }
        ShardThreads.runAll("detect", tasks,
                () -> progress.update("detecting", applied.get(), total > 0 ? (double) applied.get() / total : -1, null));
    }

    /** An inventory version that failed validation, reported once every shard is done, in timeline order. */
    private record Rejected(TimelineEntry entry, String reason) {}

    /** One shard of credentials: its own engine, state and alerts, run on one thread. */
    private final class Shard implements java.io.Closeable {
        final int index;
        final ExternalSorter<AlertEntry> alerts;
        final ReplayStateAccess state;
        final long[] afterUntil = new long[inputs.size()];
        final List<Rejected> rejected = new ArrayList<>();
        private final TimeSurvey survey;
        private final AtomicLong applied;
        private final AvroBinary<Alert> alertCodec = new AvroBinary<>(Alert.class);
        private final InventoryValidator validator = new InventoryValidator(new EdgeRules(config.inputLimits(), TimeMode.REPLAY));

        Shard(int index, int shards, TimeSurvey survey, AtomicLong applied) throws IOException {
            this.index = index;
            this.survey = survey;
            this.applied = applied;
            this.alerts = new ExternalSorter<>(AlertEntry.CODEC, work, "alerts-s" + index, Math.max(1, alertBudget / shards));
            this.state = new ReplayStateAccess(work.resolve("state-" + index), cacheBytes() / shards);
        }

        void run(ShardedSorter<TimelineEntry> events, ShardedSorter<TimelineEntry> dated,
                ShardedSorter<TimelineEntry> undated, long start, long until) throws IOException {
            long[] raised = {0};
            DriftEngine engine = new DriftEngine(config.detection(), state,
                    a -> add(alerts, AlertEntry.of(a, raised[0]++, alertCodec)), false);
            try (ExternalSorter.Merge<TimelineEntry> ev = events.mergedShard(index);
                    ExternalSorter.Merge<TimelineEntry> dat = dated.mergedShard(index);
                    ExternalSorter.Merge<TimelineEntry> und = undated.mergedShard(index)) {
                Iterator<TimelineEntry> ordered = new Interleave<>(List.of(new Applied(ev, survey.cursor(), until, afterUntil),
                        new UpTo(dat, until), new At(und, start)), TimelineEntry.CODEC);
                long mine = 0;
                while (ordered.hasNext()) {
                    TimelineEntry e = ordered.next();
                    if (e.isEvent()) {
                        engine.onEvent(EventCodec.decode(e.payload()), WALL_CLOCK);
                        if ((++mine & 1023) == 0) {
                            applied.addAndGet(1024);
                        }
                    } else {
                        applyInventory(engine, e);
                    }
                }
            }
            engine.onWallClock(Math.max(0, until));
            alerts.finish();
            events.closeShard(index);
            dated.closeShard(index);
            undated.closeShard(index);
        }

        private void applyInventory(DriftEngine engine, TimelineEntry e) {
            InventoryValidator.Outcome outcome = validator.validate(e.credentialId(), e.payload(), WALL_CLOCK);
            if (outcome.rejection() != null) {
                rejected.add(new Rejected(e.withoutPayload(), RejectionReason.of(outcome.rejection())));
                return;
            }
            Entitlement ent = outcome.entitlement();
            engine.onInventory(ent, ent.getAsOf() != null ? ent.getAsOf() : Math.max(0, e.time()), WALL_CLOCK);
        }

        @Override
        public void close() throws IOException {
            try {
                alerts.close();
            } finally {
                state.close();
            }
        }
    }

    private long write(ExternalSorter.Merge<AlertEntry> merged, AlertFormat format, OutputStream out) throws IOException {
        AvroBinary<Alert> alertCodec = new AvroBinary<>(Alert.class);
        long n = 0;
        try (ExternalSorter.Merge<AlertEntry> it = merged) {
            while (it.hasNext()) {
                Alert a = alertCodec.decode(it.next().avro());
                report.alert(a.getType());
                out.write(format.line(a));
                out.write('\n');
                n++;
            }
        }
        out.flush();
        return n;
    }

    /**
     * Heap for credential states and entitlements kept as objects, all shards together: half the heap by
     * {@link HeapWeight}'s estimate, which is generous (about 1.6 times the measured heap of the states of a 10 M-event
     * replay, so they take about 30 % of it), the rest of the credentials in RocksDB. Reading is over by then; what
     * else detection holds (sorted-run buffers, alerts waiting to be sorted) was about 100 MiB at {@code -Xmx1g}.
     */
    static long cacheBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    private static void add(ExternalSorter<AlertEntry> alerts, AlertEntry a) {
        try {
            alerts.add(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events applied: not implausible, not after {@code until} (those counted per input). */
    private static final class Applied extends Filtered {
        private final TimeSurvey.Cursor implausible;
        private final long until;
        private final long[] afterUntil;

        Applied(Iterator<TimelineEntry> source, TimeSurvey.Cursor implausible, long until, long[] afterUntil) {
            super(source);
            this.implausible = implausible;
            this.until = until;
            this.afterUntil = afterUntil;
        }

        @Override
        TimelineEntry admit(TimelineEntry e) {
            if (implausible.implausible(e.time())) {
                return null;
            }
            if (e.time() > until) {
                afterUntil[e.input()]++;
                return null;
            }
            return e;
        }
    }

    /** Inventory versions up to {@code until}. */
    private static final class UpTo extends Filtered {
        private final long until;

        UpTo(Iterator<TimelineEntry> source, long until) {
            super(source);
            this.until = until;
        }

        @Override
        TimelineEntry admit(TimelineEntry e) {
            return e.time() > until ? null : e;
        }
    }

    /** Inventory versions without asOf, dated {@code start}. */
    private static final class At extends Filtered {
        private final long start;

        At(Iterator<TimelineEntry> source, long start) {
            super(source);
            this.start = start;
        }

        @Override
        TimelineEntry admit(TimelineEntry e) {
            return e.at(start);
        }
    }

    /** An iterator that admits, drops or changes each entry of its source. */
    private abstract static class Filtered implements Iterator<TimelineEntry> {
        private final Iterator<TimelineEntry> source;
        private TimelineEntry next;

        Filtered(Iterator<TimelineEntry> source) {
            this.source = source;
        }

        /** The entry to pass on, or null to drop it. */
        abstract TimelineEntry admit(TimelineEntry e);

        @Override
        public boolean hasNext() {
            while (next == null && source.hasNext()) {
                next = admit(source.next());
            }
            return next != null;
        }

        @Override
        public TimelineEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            TimelineEntry e = next;
            next = null;
            return e;
        }
    }
}
