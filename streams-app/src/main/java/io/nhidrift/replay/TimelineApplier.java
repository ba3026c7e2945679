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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
    private final AvroBinary<UsageEvent> eventCodec = new AvroBinary<>(UsageEvent.class);
    private final AvroBinary<Alert> alertCodec = new AvroBinary<>(Alert.class);
    private final InventoryValidator validator;

    TimelineApplier(AppConfig config, ReplayReport report, TimelineReader reader, List<ReplayRunner.Input> inputs,
            ReplayProgress progress, Path work, long alertBudget) {
        this.config = config;
        this.report = report;
        this.reader = reader;
        this.inputs = inputs;
        this.progress = progress;
        this.work = work;
        this.alertBudget = alertBudget;
        this.validator = new InventoryValidator(new EdgeRules(config.inputLimits(), TimeMode.REPLAY));
    }

    /** Applies everything, writes the alerts to {@code out}; returns their number. */
    long apply(ExternalSorter<TimelineEntry> events, ExternalSorter<TimelineEntry> dated,
            ExternalSorter<TimelineEntry> undated, TimeSurvey survey, long start, long until, AlertFormat format,
            OutputStream out) throws IOException {
        try (ExternalSorter<AlertEntry> alerts = new ExternalSorter<>(AlertEntry.CODEC, work, "alerts", alertBudget);
                ReplayStateAccess state = new ReplayStateAccess(work.resolve("state"), cacheEntries());
                ExternalSorter.Merge<TimelineEntry> ev = events.merged();
                ExternalSorter.Merge<TimelineEntry> dat = dated.merged();
                ExternalSorter.Merge<TimelineEntry> und = undated.merged()) {
            long[] raised = {0};
            DriftEngine engine = new DriftEngine(config.detection(), state, a -> add(alerts, AlertEntry.of(a, raised[0]++, alertCodec)), false);
            Iterator<TimelineEntry> ordered = new Interleave<>(List.of(new Applied(ev, survey.cursor(), until),
                    new UpTo(dat, until), new At(und, start)), TimelineEntry.CODEC);
            long applied = 0;
            long total = events.count();
            while (ordered.hasNext()) {
                TimelineEntry e = ordered.next();
                if (e.isEvent()) {
                    engine.onEvent(eventCodec.decode(e.payload()), WALL_CLOCK);
                    if ((++applied & 4095) == 0) {
                        progress.update("detecting", applied, total > 0 ? (double) applied / total : -1, null);
                    }
                } else {
                    applyInventory(engine, e);
                }
            }
            engine.onWallClock(Math.max(0, until));
            return write(alerts, format, out);
        }
    }

    private void applyInventory(DriftEngine engine, TimelineEntry e) {
        InventoryValidator.Outcome outcome = validator.validate(e.credentialId(), e.payload(), WALL_CLOCK);
        if (outcome.rejection() != null) {
            report.inventoryRejected(reader.origin(e), RejectionReason.of(outcome.rejection()));
            return;
        }
        Entitlement ent = outcome.entitlement();
        engine.onInventory(ent, ent.getAsOf() != null ? ent.getAsOf() : Math.max(0, e.time()), WALL_CLOCK);
    }

    private long write(ExternalSorter<AlertEntry> alerts, AlertFormat format, OutputStream out) throws IOException {
        long n = 0;
        try (ExternalSorter.Merge<AlertEntry> it = alerts.merged()) {
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

    /** Credential states (and entitlements) kept as objects: about one per 32 KiB of heap, 2 000 to 100 000. */
    private static int cacheEntries() {
        return (int) Math.max(2_000, Math.min(100_000, Runtime.getRuntime().maxMemory() / (32 * 1024)));
    }

    private static void add(ExternalSorter<AlertEntry> alerts, AlertEntry a) {
        try {
            alerts.add(a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events applied: not implausible, not after {@code until} (those counted per input). */
    private final class Applied extends Filtered {
        private final TimeSurvey.Cursor implausible;
        private final long until;

        Applied(Iterator<TimelineEntry> source, TimeSurvey.Cursor implausible, long until) {
            super(source);
            this.implausible = implausible;
            this.until = until;
        }

        @Override
        TimelineEntry admit(TimelineEntry e) {
            if (implausible.implausible(e.time())) {
                return null;
            }
            if (e.time() > until) {
                report.input(inputs.get(e.input()).toString()).afterUntil++;
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
