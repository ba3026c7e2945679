package io.nhidrift.detect;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-task detection logic, independent of Kafka: applies events and inventory versions to the
 * per-credential state, runs the detectors that consume them, suppresses repeats, and evaluates
 * time-based conditions as time advances. One instance per stream task; not thread-safe.
 *
 * <p>Time: every input first advances the task's event time, which fires due time-based checks
 * (up to the input's time minus the allowed lateness) before the input itself is applied. In a
 * live run the wall clock does the same for partitions that fall silent ({@link #onWallClock}).
 */
public final class DriftEngine {

    private static final int SWEEP_BATCH = 10_000;
    private static final int COMPILED_CACHE_SIZE = 10_000;

    private final DetectionConfig config;
    private final DetectorRegistry registry;
    private final UsageRecorder recorder;
    private final AlertFactory alerts;
    private final StateAccess access;
    private final Consumer<Alert> sink;
    private final boolean live;
    /** Compiled grants by pattern set: credentials that share a policy share one compiled form. */
    private final Map<List<List<String>>, CompiledEntitlement> compiledCache =
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<List<String>>, CompiledEntitlement> e) {
                    return size() > COMPILED_CACHE_SIZE;
                }
            };

    private long streamTime = Long.MIN_VALUE;
    private Long nextDue;
    private boolean nextDueKnown;
    private long lastInputWallClock = Long.MIN_VALUE;

    /**
     * @param live whether inputs may move event time at most {@code maxFutureSkew} ahead of the wall
     *     clock (a live run); a back-test trusts event time alone
     */
    public DriftEngine(DetectionConfig config, StateAccess access, Consumer<Alert> sink, boolean live) {
        this.live = live;
        this.config = config;
        this.registry = new DetectorRegistry(config);
        this.recorder = new UsageRecorder(config);
        this.alerts = new AlertFactory(config, registry.byType());
        this.access = access;
        this.sink = sink;
    }

    public DetectorRegistry registry() {
        return registry;
    }

    /** Applies one normalized event. {@code wallClock} is the processing time (for lag detection). */
    public void onEvent(UsageEvent e, long wallClock) {
        long t = e.getEventTime();
        advance(t, wallClock);
        String id = e.getCredentialId();
        CredentialState state = access.state(id);
        if (state == null) {
            state = UsageRecorder.newState(id);
        }
        if (recorder.isRedelivery(state, e.getEventId())) {
            access.putState(state);
            return;
        }
        Entitlement ent = access.entitlement(id);
        CompiledEntitlement compiled = ent == null ? null : compiled(ent);
        ScopeVerdict verdict = ent == null || e.getDenied() ? ScopeVerdict.UNKNOWN : verdict(state, e.getAction(), compiled);
        Boolean inScope = verdict.inScope();
        CallerFacets.Facets facets = CallerFacets.of(e.getSourceIp(), e.getUserAgent());
        Conditions conditions = new Conditions(state.getActiveConditions());
        EventContext ctx = new EventContext(e, state, ent, compiled, inScope, verdict.matchedGrants(), facets, config,
                conditions);
        List<Alert> out = new ArrayList<>();
        for (EventDetector d : registry.eventDetectors()) {
            admit(d.onEvent(ctx), conditions, id, ent, e, out);
        }
        recorder.apply(state, e, verdict, facets);
        reschedule(state, ent);
        access.putState(state);
        out.forEach(sink);
    }

    /** Applies one inventory version (its time is {@code asOf}, else {@code recordTime}). */
    public void onInventory(Entitlement current, long recordTime, long wallClock) {
        long t = current.getAsOf() != null ? current.getAsOf() : recordTime;
        advance(t, wallClock);
        String id = current.getCredentialId();
        Entitlement previous = access.entitlement(id);
        if (previous != null && previous.getAsOf() != null && current.getAsOf() != null
                && current.getAsOf() < previous.getAsOf()) {
            return; // an older version arriving late: the newer one stays
        }
        CredentialState state = access.state(id);
        if (state == null) {
            state = UsageRecorder.newState(id);
        }
        if (state.getKnownSince() == null) {
            long created = current.getCreatedAt() != null ? current.getCreatedAt() : t;
            state.setKnownSince(Math.max(created, t));
        }
        Map<String, Long> since = state.getGrantsSince();
        long grantedAt = previous == null ? state.getKnownSince() : t;
        for (String g : current.getGrants()) {
            since.putIfAbsent(g, grantedAt);
        }
        since.keySet().retainAll(current.getGrants());
        Conditions conditions = new Conditions(state.getActiveConditions());
        CompiledEntitlement compiled = compiled(current);
        conditions.view().keySet().stream()
                .filter(k -> k.startsWith(AlertType.OUT_OF_SCOPE_USE.name() + "|"))
                .filter(k -> compiled.inScope(k.substring(AlertType.OUT_OF_SCOPE_USE.name().length() + 1)))
                .toList()
                .forEach(conditions::clear);
        InventoryContext ctx = new InventoryContext(previous, current, state, t, config, conditions);
        List<Alert> out = new ArrayList<>();
        for (InventoryDetector d : registry.inventoryDetectors()) {
            admit(d.onInventory(ctx), conditions, id, current, null, out);
        }
        access.putEntitlement(current);
        reschedule(state, current);
        access.putState(state);
        out.forEach(sink);
    }

    /** Live runs: the wall clock drives time-based checks of partitions that receive nothing. */
    public void onWallClock(long now) {
        long lateness = config.allowedLateness().toMillis();
        boolean caughtUp = streamTime >= now - lateness;
        boolean silent = lastInputWallClock == Long.MIN_VALUE || now - lastInputWallClock >= lateness;
        if (caughtUp || silent) {
            sweep(now - lateness);
        }
        // else: the task is working through a backlog of older events; event time drives it.
    }

    /** Evaluates everything due up to {@code until} exactly (replay's final evaluation). */
    public void flushUntil(long until) {
        sweep(until);
    }

    private void advance(long t, long wallClock) {
        lastInputWallClock = wallClock;
        long effective = live ? Math.min(t, wallClock + config.maxFutureSkew().toMillis()) : t;
        if (effective > streamTime) {
            streamTime = effective;
        }
        sweep(streamTime - config.allowedLateness().toMillis());
    }

    private void sweep(long threshold) {
        if (!nextDueKnown) {
            nextDue = access.earliestDue();
            nextDueKnown = true;
        }
        while (nextDue != null && nextDue <= threshold) {
            for (StateAccess.DueEntry entry : access.dueUpTo(threshold, SWEEP_BATCH)) {
                evaluateDue(entry);
            }
            nextDue = access.earliestDue();
        }
    }

    private void evaluateDue(StateAccess.DueEntry entry) {
        access.deleteDue(entry.due(), entry.kind(), entry.credentialId());
        DueDetector d = registry.dueDetector(entry.kind());
        CredentialState state = access.state(entry.credentialId());
        if (d == null || state == null || !Long.valueOf(entry.due()).equals(d.scheduled(state))) {
            return; // stale entry
        }
        d.setScheduled(state, null);
        Entitlement ent = access.entitlement(entry.credentialId());
        Conditions conditions = new Conditions(state.getActiveConditions());
        DueContext ctx = new DueContext(state, ent, ent == null ? null : compiled(ent), entry.due(), config, conditions);
        DueDetector.Result result = d.onDue(ctx);
        List<Alert> out = new ArrayList<>();
        admit(result.findings(), conditions, entry.credentialId(), ent, null, out);
        if (result.nextDue() != null) {
            schedule(state, d, result.nextDue());
        }
        access.putState(state);
        out.forEach(sink);
    }

    /**
     * Moves index entries only when a check is wanted earlier (or no more): an entry that should move
     * later stays, and its detector reschedules when it comes due. So a busy credential, whose idle
     * time moves with every use, costs no index write per event.
     */
    private void reschedule(CredentialState state, Entitlement ent) {
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
        if (nextDueKnown && (nextDue == null || due < nextDue)) {
            nextDue = due;
        }
    }

    private void admit(List<Finding> findings, Conditions conditions, String id, Entitlement ent, UsageEvent e,
            List<Alert> out) {
        for (Finding f : findings) {
            if (f.conditionKey() != null) {
                if (conditions.isActive(f.conditionKey())) {
                    continue;
                }
                conditions.activate(f.conditionKey(), f.eventTime());
            }
            out.add(alerts.create(id, f, ent, e));
        }
    }

    /** The scope verdict of an action, reused from the state while the entitlement version is the same. */
    private static ScopeVerdict verdict(CredentialState state, String action, CompiledEntitlement compiled) {
        ActionUsage a = state.getActions().get(action);
        if (a != null && a.getScopeVersion() == compiled.fingerprint() && a.getInScope() != null) {
            return new ScopeVerdict(a.getInScope(), compiled.fingerprint(), a.getMatchedGrants());
        }
        return new ScopeVerdict(compiled.inScope(action), compiled.fingerprint(), compiled.matchingGrants(action));
    }

    private CompiledEntitlement compiled(Entitlement ent) {
        return compiledCache.computeIfAbsent(List.of(ent.getGrants(), ent.getDenies()),
                k -> CompiledEntitlement.of(ent));
    }
}
