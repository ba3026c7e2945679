package io.nhidrift.detect.detectors;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.detect.DueContext;
import io.nhidrift.detect.DueDetector;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.List;

/**
 * No successful use for the idle period: since the last use, or, for a credential never used,
 * since it became known (the later of createdAt and its first asOf). Fires at the instant the
 * condition became true, once per idle spell. A credential revoked or expired by then is not
 * reported (it is supposed to be silent).
 *
 * <p>Scheduled in the time index; also detected on the next use when the due time was not yet
 * evaluated (events inside the allowed lateness), with the same alert id, so live and replay agree.
 */
public final class IdleCredentialDetector implements EventDetector, DueDetector {

    static final String KEY = AlertType.IDLE_CREDENTIAL.name() + "|";

    @Override
    public AlertType type() {
        return AlertType.IDLE_CREDENTIAL;
    }

    @Override
    public String description() {
        return "No use for the idle period since the last use, or since the credential became known if it was never used; once per idle spell.";
    }

    @Override
    public String remediation() {
        return "Ask the owner whether the credential is still needed; disable it if not (IAM Access Analyzer-style cleanup), and set an expiry if it is.";
    }

    @Override
    public byte indexKind() {
        return 'I';
    }

    /** When the credential became (or becomes) idle, or null when that is not reportable. */
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

    static long base(CredentialState state) {
        return state.getLastSeen() != null ? state.getLastSeen() : state.getKnownSince();
    }

    @Override
    public Long nextDue(CredentialState state, Entitlement ent, Long currentDue, DetectionConfig config) {
        Long due = idleAt(state, ent, config);
        if (due == null || state.getActiveConditions().containsKey(KEY + base(state))) {
            return null;
        }
        return due;
    }

    @Override
    public Result onDue(DueContext ctx) {
        Long due = nextDue(ctx.state(), ctx.entitlement(), null, ctx.config());
        if (due == null) {
            return new Result(List.of(), null);
        }
        if (due > ctx.due()) {
            return new Result(List.of(), due); // used since this was scheduled: look again later
        }
        return new Result(List.of(finding(ctx.state(), due, ctx.config())), null);
    }

    @Override
    public List<Finding> onEvent(EventContext ctx) {
        if (!ctx.knownUse()) {
            return List.of();
        }
        Long due = idleAt(ctx.state(), ctx.entitlement(), ctx.config());
        if (due == null) {
            return List.of();
        }
        String key = KEY + base(ctx.state());
        boolean alreadyFired = ctx.conditions().isActive(key);
        ctx.conditions().clearPrefix(KEY);
        if (alreadyFired || ctx.time() < due) {
            return List.of();
        }
        return List.of(finding(ctx.state(), due, ctx.config()));
    }

    private Finding finding(CredentialState state, long due, DetectionConfig config) {
        boolean neverUsed = state.getLastSeen() == null;
        long base = base(state);
        String summary = "Credential " + state.getCredentialId() + (neverUsed
                ? " has never been used in the " + Findings.days(config.idleAfter().toMillis()) + " since it became known (" + Findings.iso(base) + ")."
                : " has not been used for " + Findings.days(config.idleAfter().toMillis()) + " (last use " + Findings.iso(base) + ").");
        return new Finding(type(), KEY + base, null, due, summary,
                Findings.evidence(neverUsed ? "knownSince" : "lastUsed", Findings.iso(base),
                        "idleAfterDays", config.idleAfter().toDays(), "useCount", state.getUseCount()),
                "due=" + due);
    }

    @Override
    public Long scheduled(CredentialState state) {
        return state.getIdleDue();
    }

    @Override
    public void setScheduled(CredentialState state, Long due) {
        state.setIdleDue(due);
    }
}
