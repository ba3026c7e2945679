package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/**
 * The first successful use after the credential was idle (as {@link IdleSpell} defines it). An
 * occurrence, not a lasting condition: the use itself ends the idle spell.
 */
public final class DormantReactivatedDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.DORMANT_REACTIVATED;
    }

    @Override
    public String description() {
        return "The first use of a credential after it was idle for the idle period (or never used since it became known).";
    }

    @Override
    public String remediation() {
        return "Confirm the owner expected this workload to resume; a dormant credential waking up from a new caller is a classic sign of a leaked key.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (!ctx.knownUse()) {
            return;
        }
        Long idleAt = IdleSpell.idleAt(ctx.state(), ctx.entitlement(), ctx.config());
        if (idleAt != null && ctx.time() >= idleAt) {
            out.occurred(() -> finding(ctx, idleAt));
        }
    }

    private Finding finding(EventContext ctx, long idleAt) {
        long base = IdleSpell.base(ctx.state());
        boolean neverUsed = ctx.state().getLastSeen() == null;
        String summary = "Credential " + ctx.event().getCredentialId() + " performed " + ctx.event().getAction()
                + Findings.who(ctx) + " after " + Findings.days(ctx.time() - base)
                + (neverUsed ? " without any use since it became known." : " without use.");
        return Findings.onEvent(ctx, type(), ctx.event().getAction(), summary,
                Findings.evidence(neverUsed ? "knownSince" : "previousUse", Findings.iso(base), "idleSince", Findings.iso(idleAt)));
    }
}
