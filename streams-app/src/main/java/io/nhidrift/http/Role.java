package io.nhidrift.http;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a bearer token may do on the query API. {@link #READ} reads credentials and metrics (every
 * {@code GET /api/**} and {@code /metrics}); {@link #TRIAGE} includes {@code read} and is the role a
 * future state-changing endpoint (acknowledging or suppressing an alert, a {@code POST}) requires.
 * {@code /health} needs no token.
 */
public enum Role implements RouteRole {
    READ,
    TRIAGE;

    /** Whether a caller holding this role may call a route that requires {@code required}. */
    public boolean includes(Role required) {
        return this == TRIAGE || required == READ;
    }

    /** The role named in a token entry ({@code read} or {@code triage}, any case), or null. */
    static Role named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "triage" -> TRIAGE;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
