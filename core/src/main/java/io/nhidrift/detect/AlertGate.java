package io.nhidrift.detect;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Shared suppression, the one place that arms and clears alert conditions: collects what the
 * detectors report about one input ({@link Decisions}), then {@link #settle}s it. Per input:
 * {@link #begin}, then {@link #from} for each detector before it reports, then {@link #settle}.
 * Reporting allocates nothing unless a condition holds; not thread-safe (one per task).
 */
final class AlertGate implements Decisions {

    private final AlertFactory alerts;
    private final List<AlertType> endedTypes = new ArrayList<>();
    private final List<String> endedConditions = new ArrayList<>(); // null = every condition of the type
    private final List<Pending> pending = new ArrayList<>();
    private CredentialState state;
    private AlertType reporter;

    /** An alert the gate decided to emit: the conditions it arms, and how to describe it. */
    private record Pending(List<String> keys, Supplier<Finding> finding) {}

    AlertGate(AlertFactory alerts) {
        this.alerts = alerts;
    }

    /** Starts an input about the credential whose state this is. */
    void begin(CredentialState state) {
        this.state = state;
        this.reporter = null;
        endedTypes.clear();
        endedConditions.clear();
        pending.clear();
    }

    /** The decisions of the detector of {@code type}, which reports next. */
    Decisions from(AlertType type) {
        this.reporter = type;
        return this;
    }

    @Override
    public void holds(String condition, Supplier<Finding> finding) {
        String key = Conditions.key(reporter, condition);
        if (!armedOrPending(key)) {
            pending.add(new Pending(List.of(key), finding));
        }
    }

    @Override
    public void holdAll(Collection<String> conditions, Function<List<String>, Finding> finding) {
        List<String> fresh = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String c : conditions) {
            String key = Conditions.key(reporter, c);
            if (!armedOrPending(key) && !keys.contains(key)) {
                fresh.add(c);
                keys.add(key);
            }
        }
        if (!fresh.isEmpty()) {
            List<String> names = List.copyOf(fresh);
            pending.add(new Pending(keys, () -> finding.apply(names)));
        }
    }

    @Override
    public void occurred(Supplier<Finding> finding) {
        pending.add(new Pending(List.of(), finding));
    }

    @Override
    public void ended(String condition) {
        endedTypes.add(reporter);
        endedConditions.add(condition);
    }

    @Override
    public void endedAll() {
        endedTypes.add(reporter);
        endedConditions.add(null);
    }

    /**
     * Applies the ends, then arms and describes the alerts decided, in the order reported. Returns
     * them (an empty immutable list when there are none); the caller emits them.
     */
    List<Alert> settle(String credentialId, Entitlement ent, UsageEvent e) {
        Map<String, Long> active = state.getActiveConditions();
        if (!active.isEmpty()) {
            for (int i = 0; i < endedTypes.size(); i++) {
                String c = endedConditions.get(i);
                if (c == null) {
                    Conditions.disarmAll(active, endedTypes.get(i));
                } else {
                    active.remove(Conditions.key(endedTypes.get(i), c));
                }
            }
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Alert> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Finding f = p.finding().get();
            for (String key : p.keys()) {
                active.put(key, f.eventTime());
            }
            out.add(alerts.create(credentialId, f, ent, e, state));
        }
        pending.clear();
        return out;
    }

    private boolean armedOrPending(String key) {
        if (state.getActiveConditions().containsKey(key)) {
            return true;
        }
        for (Pending p : pending) {
            if (p.keys().contains(key)) {
                return true;
            }
        }
        return false;
    }
}
