package io.nhidrift.detect.detectors;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.DetectionConfig;

/**
 * When a credential goes idle: the idle period after its last successful use, or, never used,
 * after it became known (the later of createdAt and its first asOf). Shared by
 * {@link IdleCredentialDetector} and {@link DormantReactivatedDetector}.
 */
final class IdleSpell {
    private IdleSpell() {}

    /** When the credential became (or becomes) idle, or null when that is not reportable (unknown, revoked or expired by then). */
    static Long idleAt(CredentialState state, Entitlement ent, DetectionConfig config) {
        if (ent == null) {
            return null;
        }
        Long base = state.getLastSeen() != null ? state.getLastSeen() : state.getKnownSince();
        if (base == null) {
            return null;
        }
        long due = base + config.idleAfter().toMillis();
        if ((ent.getRevokedAt() != null && ent.getRevokedAt() <= due)
                || (ent.getExpiresAt() != null && ent.getExpiresAt() <= due)) {
            return null;
        }
        return due;
    }

    /** Where the current spell starts: the last use, else when the credential became known. */
    static long base(CredentialState state) {
        return state.getLastSeen() != null ? state.getLastSeen() : state.getKnownSince();
    }
}
