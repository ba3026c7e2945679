package io.nhidrift.detect;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.identity.IdentityClass;
import io.nhidrift.identity.IdentityClassifier;
import io.nhidrift.inventory.CompiledEntitlement;
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
 * The time index and event time are kept by {@link DueScheduler}. Detectors only report which
 * conditions hold or ended ({@link Decisions}); {@link AlertGate} alone decides what is news, keeps
 * the armed conditions, and has the detector describe an alert only once it is emitted.
 */
public final class DriftEngine {

    private final DetectionConfig config;
    private final DetectorRegistry registry;
    private final UsageRecorder recorder;
    private final StateAccess access;
    private final Consumer<Alert> sink;
    private final CompiledCache compiledCache = new CompiledCache();
    private final AlertGate gate;
    private final DueScheduler scheduler;

    /**
     * @param live whether inputs may move event time at most {@code maxFutureSkew} ahead of the wall
     *     clock (a live run); a back-test trusts event time alone
     */
    public DriftEngine(DetectionConfig config, StateAccess access, Consumer<Alert> sink, boolean live) {
        this.config = config;
        this.registry = new DetectorRegistry(config);
        this.recorder = new UsageRecorder(config);
        this.gate = new AlertGate(new AlertFactory(config, registry.byType()));
        this.access = access;
        this.sink = sink;
        this.scheduler = new DueScheduler(config, registry, access, compiledCache, gate, sink, live);
    }

    public DetectorRegistry registry() {
        return registry;
    }

    /** Applies one normalized event. {@code wallClock} is the processing time (for lag detection). */
    public void onEvent(UsageEvent e, long wallClock) {
        long t = e.getEventTime();
        scheduler.advance(t, wallClock);
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
        CompiledEntitlement compiled = ent == null ? null : access.compiled(ent, compiledCache::of);
        ScopeVerdict verdict = ent == null || e.getDenied() ? ScopeVerdict.UNKNOWN : verdict(state, e.getAction(), compiled);
        Boolean inScope = verdict.inScope();
        CallerFacets.Facets facets = CallerFacets.of(e.getSourceIp(), e.getUserAgent());
        EventContext ctx = new EventContext(e, state, ent, compiled, inScope, verdict.matchedGrants(), facets, config);
        // CONTRACT 2a: NHI alerts concern machine identities; an inventoried credential is machine by definition
        IdentityClass identity = ent != null ? IdentityClass.MACHINE : IdentityClassifier.classify(e);
        if (!identity.label().equals(state.getIdentityClass())) {
            state.setIdentityClass(identity.label());
        }
        gate.begin(state);
        if (identity == IdentityClass.MACHINE) {
            for (EventDetector d : registry.eventDetectors()) {
                d.onEvent(ctx, gate.from(d.type()));
            }
        }
        List<Alert> out = gate.settle(id, ent, e);
        recorder.apply(state, e, verdict, facets);
        if (identity == IdentityClass.MACHINE) {
            recorder.rememberSession(state, e);
        }
        scheduler.reschedule(state, ent);
        access.putState(state);
        out.forEach(sink);
    }

    /** Applies one inventory version (its time is {@code asOf}, else {@code recordTime}). */
    public void onInventory(Entitlement current, long recordTime, long wallClock) {
        long t = current.getAsOf() != null ? current.getAsOf() : recordTime;
        scheduler.advance(t, wallClock);
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
        recorder.seedLastUse(state, current, t);
        Map<String, Long> since = state.getGrantsSince();
        long grantedAt = previous == null ? state.getKnownSince() : t;
        for (String g : current.getGrants()) {
            since.putIfAbsent(g, grantedAt);
        }
        since.keySet().retainAll(current.getGrants());
        InventoryContext ctx = new InventoryContext(previous, current, compiledCache.of(current), state, t, config);
        gate.begin(state);
        for (InventoryDetector d : registry.inventoryDetectors()) {
            d.onInventory(ctx, gate.from(d.type()));
        }
        List<Alert> out = gate.settle(id, current, null);
        access.putEntitlement(current);
        scheduler.reschedule(state, current);
        access.putState(state);
        out.forEach(sink);
    }

    /** Live runs: the wall clock drives time-based checks of partitions that receive nothing. */
    public void onWallClock(long now) {
        scheduler.onWallClock(now);
    }

    /** Evaluates everything due up to {@code until} exactly (replay's final evaluation). */
    public void flushUntil(long until) {
        scheduler.sweep(until);
    }

    /** The scope verdict of an action, reused from the state while the entitlement version is the same. */
    private static ScopeVerdict verdict(CredentialState state, String action, CompiledEntitlement compiled) {
        ActionUsage a = state.getActions().get(action);
        if (a != null && a.getScopeVersion() == compiled.fingerprint() && a.getInScope() != null) {
            return new ScopeVerdict(a.getInScope(), compiled.fingerprint(), a.getMatchedGrants());
        }
        return new ScopeVerdict(compiled.inScope(action), compiled.fingerprint(), compiled.matchingGrants(action));
    }
}
