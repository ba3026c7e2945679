package io.nhidrift.triage;

import java.util.List;

/** The statuses an alert in the alert store can have; every alert starts {@link #OPEN} or {@link #SUPPRESSED}. */
public final class AlertStatus {
    private AlertStatus() {}

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = TriageAction.ACKNOWLEDGE.status();
    public static final String RESOLVED = TriageAction.RESOLVE.status();
    public static final String SUPPRESSED = TriageAction.SUPPRESS.status();

    /** All statuses, in the order of the API documentation. */
    public static final List<String> ALL = List.of(OPEN, ACKNOWLEDGED, RESOLVED, SUPPRESSED);
}
