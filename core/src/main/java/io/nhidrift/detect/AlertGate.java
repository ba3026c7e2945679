package io.nhidrift.detect;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import java.util.List;

/**
 * Shared suppression: a finding whose condition is already active is dropped; any other finding
 * activates its condition (if it has one) and becomes an alert.
 */
final class AlertGate {

    private final AlertFactory alerts;

    AlertGate(AlertFactory alerts) {
        this.alerts = alerts;
    }

    /** Adds to {@code out} an alert for each finding that passes, in the order given. */
    void admit(List<Finding> findings, Conditions conditions, String id, Entitlement ent, UsageEvent e,
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
}
