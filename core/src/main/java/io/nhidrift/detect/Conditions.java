package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The alert conditions armed for a credential (its state's {@code activeConditions}: key -> when
 * it was armed). The key format lives here only: {@code TYPE} for a type's one condition per
 * credential, else {@code TYPE|condition}. Detectors may read; only {@link AlertGate} arms and clears.
 */
public final class Conditions {

    private static final String[] PREFIXES = new String[AlertType.values().length];

    static {
        for (AlertType t : AlertType.values()) {
            PREFIXES[t.ordinal()] = t.name() + "|";
        }
    }

    private Conditions() {}

    /** Whether {@code condition} of {@code type} is armed: its alert was emitted and it has not ended since. */
    public static boolean isArmed(CredentialState state, AlertType type, String condition) {
        Map<String, Long> active = state.getActiveConditions();
        return !active.isEmpty() && active.containsKey(key(type, condition));
    }

    /** {@link #isArmed(CredentialState, AlertType, String)} for a condition named by a number (a date). */
    public static boolean isArmed(CredentialState state, AlertType type, long condition) {
        Map<String, Long> active = state.getActiveConditions();
        return !active.isEmpty() && active.containsKey(PREFIXES[type.ordinal()] + condition);
    }

    /** The names of the armed conditions of {@code type}. */
    public static List<String> armed(CredentialState state, AlertType type) {
        List<String> out = new ArrayList<>();
        String prefix = PREFIXES[type.ordinal()];
        for (String k : state.getActiveConditions().keySet()) {
            if (k.equals(type.name())) {
                out.add(Decisions.PER_CREDENTIAL);
            } else if (k.startsWith(prefix)) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    static String key(AlertType type, String condition) {
        return condition.isEmpty() ? type.name() : PREFIXES[type.ordinal()] + condition;
    }

    static void disarmAll(Map<String, Long> active, AlertType type) {
        String prefix = PREFIXES[type.ordinal()];
        for (Iterator<String> it = active.keySet().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith(prefix) || k.equals(type.name())) {
                it.remove();
            }
        }
    }
}
