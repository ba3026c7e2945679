package io.nhidrift.review;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.DetectionConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a credential stands for an access review, derived from its state and entitlement with the detectors' own
 * thresholds ({@link DetectionConfig}), no new numbers:
 *
 * <ul>
 *   <li>{@code unknown}: not in the inventory;</li>
 *   <li>{@code revoked} / {@code expired}: its {@code revokedAt} / {@code expiresAt} has passed (revoked wins);</li>
 *   <li>{@code dormant}: no use for the unused-entitlement window ({@code detect.unused.window}, 90 d by default):
 *       every grant is unused by now; never-used credentials count from when they became known;</li>
 *   <li>{@code idle}: no use for the idle period ({@code detect.idle.after}, 30 d), as {@code IDLE_CREDENTIAL};</li>
 *   <li>{@code active}: used, or became known, within the idle period.</li>
 * </ul>
 */
public enum CredentialStatus {
    ACTIVE,
    IDLE,
    DORMANT,
    UNKNOWN,
    REVOKED,
    EXPIRED;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The name on the wire, e.g. {@code idle}. */
    public String id() {
        return id;
    }

    /** The status named {@code id}, or null. */
    public static CredentialStatus of(String id) {
        for (CredentialStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** Every wire name, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(CredentialStatus::id).toList();
    }

    /**
     * The status at {@code nowMs}.
     *
     * @param state the usage, or null when none was recorded
     * @param ent the current entitlement, or null when the credential is not inventoried
     */
    public static CredentialStatus derive(CredentialState state, Entitlement ent, DetectionConfig config, long nowMs) {
        if (ent == null) {
            return UNKNOWN;
        }
        if (ent.getRevokedAt() != null && ent.getRevokedAt() <= nowMs) {
            return REVOKED;
        }
        if (ent.getExpiresAt() != null && ent.getExpiresAt() <= nowMs) {
            return EXPIRED;
        }
        Long base = lastUseOrKnown(state, ent);
        if (base == null) {
            return ACTIVE;
        }
        long silent = nowMs - base;
        long idle = config.idleAfter().toMillis();
        if (silent >= Math.max(idle, config.unusedWindow().toMillis())) {
            return DORMANT;
        }
        return silent >= idle ? IDLE : ACTIVE;
    }

    /** As {@code IdleSpell}: the last use, else when the credential became known (from the state, else the inventory). */
    static Long lastUseOrKnown(CredentialState state, Entitlement ent) {
        if (state != null && state.getLastSeen() != null) {
            return state.getLastSeen();
        }
        if (state != null && state.getKnownSince() != null) {
            return state.getKnownSince();
        }
        if (ent.getLastUsedAt() != null) {
            return ent.getLastUsedAt();
        }
        Long created = ent.getCreatedAt();
        Long asOf = ent.getAsOf();
        if (created == null) {
            return asOf;
        }
        return asOf == null ? created : Math.max(created, asOf);
    }
}
