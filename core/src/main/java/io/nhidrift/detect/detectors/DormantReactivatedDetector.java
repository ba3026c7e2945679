package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.List;

/** The first successful use after the credential was idle (as {@link IdleCredentialDetector} defines it). */
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
    public List<Finding> onEvent(EventContext ctx) {
        if (!ctx.knownUse()) {
            return List.of();
        }
        Long idleAt = IdleCredentialDetector.idleAt(ctx.state(), ctx.entitlement(), ctx.config());
        if (idleAt == null || ctx.time() < idleAt) {
            return List.of();
        }
        long base = IdleCredentialDetector.base(ctx.state());
        boolean neverUsed = ctx.state().getLastSeen() == null;
        String summary = "Credential " + ctx.event().getCredentialId() + " performed " + ctx.event().getAction()
                + Findings.who(ctx) + " after " + Findings.days(ctx.time() - base)
                + (neverUsed ? " without any use since it became known." : " without use.");
        return List.of(Findings.onEvent(ctx, type(), null, ctx.event().getAction(), summary,
                Findings.evidence(neverUsed ? "knownSince" : "previousUse", Findings.iso(base), "idleSince", Findings.iso(idleAt))));
    }
}
