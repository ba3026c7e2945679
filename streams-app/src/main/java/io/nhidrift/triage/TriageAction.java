package io.nhidrift.triage;

import java.util.Locale;

/** What an analyst decides about an alert, and the alert status it leads to. */
public enum TriageAction {
    /** Seen, being looked at: status {@code acknowledged}. */
    ACKNOWLEDGE("acknowledged"),
    /** Dealt with: status {@code resolved}. */
    RESOLVE("resolved"),
    /** This alert type for this credential stays quiet until the decision's {@code expiresAt} (event time). */
    SUPPRESS("suppressed");

    private final String status;

    TriageAction(String status) {
        this.status = status;
    }

    /** The alert status this decision sets. */
    public String status() {
        return status;
    }

    /** The name in JSON and on the command line: {@code acknowledge}, {@code resolve}, {@code suppress}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action with this label (any case), or null. */
    public static TriageAction named(String label) {
        for (TriageAction a : values()) {
            if (a.label().equalsIgnoreCase(label)) {
                return a;
            }
        }
        return null;
    }
}
