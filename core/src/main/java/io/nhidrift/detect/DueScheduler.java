package io.nhidrift.detect;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The task's event time and its time index (time-based checks by due time), owned by
 * {@link DriftEngine}. Every input first advances event time, which evaluates the checks due up to
 * that time minus the allowed lateness; live, the wall clock does the same for a partition that
 * falls silent, unless the task is working through a backlog.
 *
 * <p>The earliest due time is memoized ({@code nextDue}), so an input with nothing due costs no
 * index read.
 */
final class DueScheduler {

    private static final int SWEEP_BATCH = 10_000;

    private final DetectionConfig config;
    private final DetectorRegistry registry;
    private final StateAccess access;
    private final CompiledCache compiled;
    private final AlertGate gate;
    private final Consumer<Alert> sink;
    private final boolean live;

    private long streamTime = Long.MIN_VALUE;
    private Long nextDue;
    private boolean nextDueKnown;
    private long lastInputWallClock = Long.MIN_VALUE;
    /** Checks scheduled while a sweep batch is evaluated and due within it (null: no sweep running). */
    private PriorityQueue<StateAccess.DueEntry> scheduledInSweep;
    private long sweepThreshold;

    DueScheduler(DetectionConfig config, DetectorRegistry registry, StateAccess access, CompiledCache compiled,
            AlertGate gate, Consumer<Alert> sink, boolean live) {
        this.config = config;
        this.registry = registry;
        this.access = access;
        this.compiled = compiled;
        this.gate = gate;
        this.sink = sink;
        this.live = live;
    }

    /** An input at time {@code t}: moves event time (live: at most max-future-skew past the wall clock), sweeps. */
    void advance(long t, long wallClock) {
        lastInputWallClock = wallClock;
        long effective = live ? Math.min(t, wallClock + config.maxFutureSkew().toMillis()) : t;
        if (effective > streamTime) {
            streamTime = effective;
        }
        sweep(streamTime - config.allowedLateness().toMillis());
    }

    /** Sweeps by the wall clock when the task is caught up or has received nothing for the allowed lateness. */
    void onWallClock(long now) {
        long lateness = config.allowedLateness().toMillis();
        boolean caughtUp = streamTime >= now - lateness;
        boolean silent = lastInputWallClock == Long.MIN_VALUE || now - lastInputWallClock >= lateness;
        if (caughtUp || silent) {
            sweep(now - lateness);
        }
        // else: the task is working through a backlog of older events; event time drives it.
    }

    /**
     * Evaluates every index entry due at or before {@code threshold}, earliest first. An evaluation may schedule a
     * check earlier than the rest of the batch read (a lazily moved entry coming due reschedules its detector): such
     * a check is merged into the batch in index order, so checks run in due order however far one sweep reaches, and
     * the alerts do not depend on how often sweeps run (events of other credentials, partitioning, punctuation).
     */
    void sweep(long threshold) {
        if (!nextDueKnown) {
            nextDue = access.earliestDue();
            nextDueKnown = true;
        }
        while (nextDue != null && nextDue <= threshold) {
            PriorityQueue<StateAccess.DueEntry> early = new PriorityQueue<>(INDEX_ORDER);
            scheduledInSweep = early;
            sweepThreshold = threshold;
            try {
                for (StateAccess.DueEntry entry : access.dueUpTo(threshold, SWEEP_BATCH)) {
                    while (!early.isEmpty() && INDEX_ORDER.compare(early.peek(), entry) < 0) {
                        evaluateDue(early.poll()); // scheduled by an evaluation of this batch, due before this entry
                    }
                    evaluateDue(entry);
                }
            } finally {
                scheduledInSweep = null;
            }
            // what is left of early is in the index: the next batch reads it in order with the rest
            nextDue = access.earliestDue();
        }
    }

    /** The time index's order (its key bytes): due time, kind, credential id in UTF-8. */
    private static final Comparator<StateAccess.DueEntry> INDEX_ORDER = Comparator.comparingLong(StateAccess.DueEntry::due)
            .thenComparingInt(e -> e.kind() & 0xff)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.credentialId().getBytes(StandardCharsets.UTF_8),
                    b.credentialId().getBytes(StandardCharsets.UTF_8)));

    private void evaluateDue(StateAccess.DueEntry entry) {
        access.deleteDue(entry.due(), entry.kind(), entry.credentialId());
        DueDetector d = registry.dueDetector(entry.kind());
        CredentialState state = access.state(entry.credentialId());
        if (d == null || state == null || !Long.valueOf(entry.due()).equals(d.scheduled(state))) {
            return; // stale entry
        }
        d.setScheduled(state, null);
        Entitlement ent = access.entitlement(entry.credentialId());
        DueContext ctx = new DueContext(state, ent, ent == null ? null : access.compiled(ent, compiled::of), entry.due(), config);
        gate.begin(state);
        Long next = d.onDue(ctx, gate.from(d.type()));
        List<Alert> out = gate.settle(entry.credentialId(), ent, null);
        if (next != null) {
            schedule(state, d, next);
        }
        access.putState(state);
        out.forEach(sink);
    }

    /**
     * Moves index entries only when a check is wanted earlier (or no more): an entry that should move
     * later stays, and its detector reschedules when it comes due. So a busy credential, whose idle
     * time moves with every use, costs no index write per event. The caller puts the state.
     */
    void reschedule(CredentialState state, Entitlement ent) {
        for (DueDetector d : registry.dueDetectors()) {
            Long current = d.scheduled(state);
            Long wanted = d.nextDue(state, ent, current, config);
            if (current != null && wanted != null && wanted > current) {
                continue;
            }
            if (wanted == null ? current != null : !wanted.equals(current)) {
                if (current != null) {
                    access.deleteDue(current, d.indexKind(), state.getCredentialId());
                }
                d.setScheduled(state, null);
                if (wanted != null) {
                    schedule(state, d, wanted);
                }
            }
        }
    }

    private void schedule(CredentialState state, DueDetector d, long due) {
        access.putDue(due, d.indexKind(), state.getCredentialId());
        d.setScheduled(state, due);
        if (scheduledInSweep != null && due <= sweepThreshold) {
            scheduledInSweep.add(new StateAccess.DueEntry(due, d.indexKind(), state.getCredentialId()));
        }
        if (nextDueKnown && (nextDue == null || due < nextDue)) {
            nextDue = due;
        }
    }
}
