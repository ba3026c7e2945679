package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * The detector behind an alert as an OCSF {@code analytic}: uid and name are the alert type; detectors that
 * compare a credential with its own learned baseline (callers, sessions, dormancy) are {@code Behavioral},
 * the others {@code Rule}.
 */
final class Analytics {

    private static final Set<String> BEHAVIORAL = Set.of("NEW_CALLER", "SESSION_CREDENTIAL_MOVED", "DORMANT_REACTIVATED");

    private Analytics() {}

    static ObjectNode of(String type, JsonNodeFactory f) {
        ObjectNode a = f.objectNode();
        a.put("uid", type);
        a.put("name", type);
        boolean behavioral = BEHAVIORAL.contains(type);
        a.put("type_id", behavioral ? 2 : 1);
        a.put("type", behavioral ? "Behavioral" : "Rule");
        a.put("category", "nhi-drift detector");
        return a;
    }

    /** {@code OUT_OF_SCOPE_USE} as {@code Out of scope use}. */
    static String title(String type) {
        String words = type.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
