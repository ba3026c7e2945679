package io.nhidrift.triage;

import io.nhidrift.avro.Alert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The writing side of the alert store ({@link AlertKeys} has the layout), used by the task that owns the
 * credentials: records emitted and suppressed alerts, applies triage decisions, evicts what is past retention.
 */
public final class AlertStore {

    /** Index entries one eviction run removes at most (the rest waits for the next run). */
    static final int EVICTIONS_PER_RUN = 10_000;

    private final KeyValueStore<Bytes, byte[]> store;

    public AlertStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * The suppression in force for this alert at its event time, or null: the alert is then sent on and stored open.
     */
    public TriageDecision suppressionOf(Alert a) {
        TriageDecision s = AlertScan.suppression(store, a.getCredentialId(), a.getType());
        return s != null && s.suppresses(a.getType(), a.getEventTime().toEpochMilli()) ? s : null;
    }

    /**
     * Stores an alert as emitted ({@code suppression} null) or suppressed. The same alert again (same id: a
     * redelivery or a replay) keeps its status and history.
     */
    public AlertRecord record(Alert a, TriageDecision suppression) {
        AlertRecord existing = AlertScan.find(store, a.getAlertId());
        AlertRecord r = existing != null ? existing.withAlert(a) : AlertRecord.of(a, suppression);
        store.put(AlertKeys.alert(r.alertId()), r.toBytes());
        if (existing == null) {
            store.put(AlertKeys.time(r.eventTimeMs(), r.alertId()), new byte[0]);
            store.put(AlertKeys.credential(r.credentialId(), r.eventTimeMs(), r.alertId()), new byte[0]);
        }
        return r;
    }

    /**
     * Applies a decision: the alert it names gets its status and a history entry; a suppression is also kept (one per
     * credential and type, the latest) and silences that type from now on until it expires.
     *
     * @return the decision as applied (a suppression named by alert id gets that alert's type)
     * @throws TriageException when the decision names an alert this partition does not hold, or one of another credential
     */
    public TriageDecision apply(TriageDecision d) {
        AlertRecord alert = null;
        if (d.alertId() != null) {
            alert = AlertScan.find(store, d.alertId());
            if (alert == null && (d.action() != TriageAction.SUPPRESS || d.alertType() == null)) {
                throw new TriageException("no alert '" + d.alertId() + "' of credential '" + d.credentialId()
                        + "' in the alert store (never emitted, past alerts.retention, or keyed to another partition)");
            }
            if (alert != null && !alert.credentialId().equals(d.credentialId())) {
                throw new TriageException("alert '" + d.alertId() + "' belongs to credential '" + alert.credentialId()
                        + "', not to '" + d.credentialId() + "'");
            }
        }
        TriageDecision applied = d;
        if (d.action() == TriageAction.SUPPRESS) {
            if (d.alertType() == null) {
                applied = d.withAlertType(alert.type());
            } else if (alert != null && !alert.type().equals(d.alertType())) {
                throw new TriageException("alert '" + d.alertId() + "' is a " + alert.type() + ", not a " + d.alertType());
            }
            store.put(AlertKeys.suppression(applied.credentialId(), applied.alertType()), applied.toBytes());
        }
        if (alert != null) {
            store.put(AlertKeys.alert(alert.alertId()), alert.withDecision(applied).toBytes());
        }
        return applied;
    }

    /** Event time of the newest alert held, or -1 when none. */
    public long newestEventTime() {
        Bytes[] range = AlertKeys.indexRange(null, 0, Long.MAX_VALUE);
        try (KeyValueIterator<Bytes, byte[]> it = store.reverseRange(range[0], range[1])) {
            return it.hasNext() ? AlertKeys.indexTime(it.next().key, null) : -1;
        }
    }

    /**
     * Removes alerts with an event time before {@code cutoff} (at most {@value #EVICTIONS_PER_RUN}) and suppressions
     * that expired before it.
     *
     * @return alerts removed
     */
    public int evictBefore(long cutoff) {
        if (cutoff <= 0) {
            return 0;
        }
        List<Bytes> timeKeys = new ArrayList<>();
        Bytes[] range = AlertKeys.indexRange(null, 0, cutoff - 1);
        try (KeyValueIterator<Bytes, byte[]> it = store.range(range[0], range[1])) {
            while (it.hasNext() && timeKeys.size() < EVICTIONS_PER_RUN) {
                timeKeys.add(it.next().key);
            }
        }
        for (Bytes k : timeKeys) {
            String alertId = AlertKeys.indexAlertId(k, null);
            AlertRecord r = AlertScan.find(store, alertId);
            if (r != null) {
                store.delete(AlertKeys.credential(r.credentialId(), r.eventTimeMs(), alertId));
                store.delete(AlertKeys.alert(alertId));
            }
            store.delete(k);
        }
        List<Bytes> expired = new ArrayList<>();
        Bytes[] s = AlertKeys.suppressions();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(s[0], s[1])) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (!kv.key.equals(s[1]) && TriageDecision.parse(kv.value).expiresAt().toEpochMilli() < cutoff) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(store::delete);
        return timeKeys.size();
    }
}
