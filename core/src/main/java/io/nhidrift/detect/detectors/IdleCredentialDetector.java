package io.nhidrift.detect.detectors;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Conditions;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.detect.DueContext;
import io.nhidrift.detect.DueDetector;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/**
 * No successful use for the idle period: since the last use, or, for a credential never used,
 * since it became known (the later of createdAt and its first asOf). Fires at the instant the
 * condition became true; the condition is the spell (named by where it starts), and a use ends it.
 * A credential revoked or expired by then is not reported (it is supposed to be silent).
 *
 * <p>Scheduled in the time index; also detected on the next use when the due time was not yet
 * evaluated (events inside the allowed lateness), with the same alert id, so live and replay agree.
 */
public final class IdleCredentialDetector implements EventDetector, DueDetector {

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

    @Override
    public Long nextDue(CredentialState state, Entitlement ent, Long currentDue, DetectionConfig config) {
        Long due = IdleSpell.idleAt(state, ent, config);
        return due == null || Conditions.isArmed(state, type(), IdleSpell.base(state)) ? null : due;
    }

    @Override
    public Long onDue(DueContext ctx, Decisions out) {
        Long due = nextDue(ctx.state(), ctx.entitlement(), null, ctx.config());
        if (due == null || due > ctx.due()) {
            return due; // reported already, or used since this was scheduled: look again later
        }
        out.holds(String.valueOf(IdleSpell.base(ctx.state())), () -> finding(ctx.state(), due, ctx.config()));
        return null;
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (!ctx.knownUse()) {
            return;
        }
        Long due = IdleSpell.idleAt(ctx.state(), ctx.entitlement(), ctx.config());
        if (due == null) {
            return;
        }
        out.endedAll(); // this use ends the spell
        if (ctx.time() >= due) { // ... which had not been evaluated yet
            out.holds(String.valueOf(IdleSpell.base(ctx.state())), () -> finding(ctx.state(), due, ctx.config()));
        }
    }

    private Finding finding(CredentialState state, long due, DetectionConfig config) {
        boolean neverUsed = state.getLastSeen() == null;
        long base = IdleSpell.base(state);
        String summary = "Credential " + state.getCredentialId() + (neverUsed
                ? " has never been used in the " + Findings.days(config.idleAfter().toMillis()) + " since it became known (" + Findings.iso(base) + ")."
                : " has not been used for " + Findings.days(config.idleAfter().toMillis()) + " (last use " + Findings.iso(base) + ").");
        return new Finding(type(), null, due, summary,
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
