package io.nhidrift.triage;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one partition of the alert store: one alert by id (a key lookup), or a bounded newest-first page — a
 * reverse range over the time index, or over one credential's index when the filter names a credential, from the
 * cursor down to {@code since}, reading at most {@code budget} index entries.
 */
public final class AlertScan {
    private AlertScan() {}

    /** Index entries one page reads at most per partition (each costs a key lookup of the alert). */
    public static final int DEFAULT_BUDGET = 5_000;

    public static AlertRecord find(ReadOnlyKeyValueStore<Bytes, byte[]> store, String alertId) {
        byte[] v = store.get(AlertKeys.alert(alertId));
        return v == null ? null : AlertRecord.parse(v);
    }

    /** The suppression of {@code alertType} for {@code credentialId} on record (maybe expired), or null. */
    public static TriageDecision suppression(ReadOnlyKeyValueStore<Bytes, byte[]> store, String credentialId, String alertType) {
        byte[] v = store.get(AlertKeys.suppression(credentialId, alertType));
        return v == null ? null : TriageDecision.parse(v);
    }

    /**
     * @param after the cursor position (exclusive), or null for the newest
     */
    public static AlertPage<AlertRecord> newestFirst(ReadOnlyKeyValueStore<Bytes, byte[]> store, AlertFilter filter,
            AlertPosition after, int limit, int budget) {
        String credential = filter.credential();
        long from = filter.since() == null ? 0 : filter.since();
        long to = Long.MAX_VALUE;
        if (filter.until() != null) {
            to = filter.until() - 1;
        }
        if (after != null) {
            to = Math.min(to, after.eventTime());
        }
        List<AlertRecord> items = new ArrayList<>();
        if (to < from) {
            return new AlertPage<>(items, null);
        }
        Bytes[] range = AlertKeys.indexRange(credential, from, to);
        int read = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.reverseRange(range[0], range[1])) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                AlertPosition at = new AlertPosition(AlertKeys.indexTime(kv.key, credential), AlertKeys.indexAlertId(kv.key, credential));
                if (after != null && at.compareTo(after) <= 0) {
                    continue; // same millisecond as the cursor, not after it
                }
                read++;
                AlertRecord r = find(store, at.alertId());
                if (r != null && filter.matches(r)) {
                    items.add(r);
                    if (items.size() == limit) {
                        return new AlertPage<>(items, at);
                    }
                }
                if (read >= budget && it.hasNext()) {
                    return new AlertPage<>(items, at);
                }
            }
        }
        return new AlertPage<>(items, null);
    }
}
