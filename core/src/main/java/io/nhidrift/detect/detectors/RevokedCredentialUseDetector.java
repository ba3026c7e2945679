package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/** A successful use after the credential's {@code revokedAt}; once per revocation (the condition's name). */
public final class RevokedCredentialUseDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.REVOKED_CREDENTIAL_USE;
    }

    @Override
    public String description() {
        return "A successful use after the credential's revokedAt; once per revocation.";
    }

    @Override
    public String remediation() {
        return "The revocation did not take effect: disable the credential at the provider now, and investigate the caller as a possible compromise.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        Long revoked = ctx.entitlement() == null ? null : ctx.entitlement().getRevokedAt();
        if (ctx.knownUse() && revoked != null && ctx.time() > revoked) {
            out.holds(String.valueOf(revoked), () -> finding(ctx, revoked));
        }
    }

    private Finding finding(EventContext ctx, long revoked) {
        String summary = "Credential " + ctx.event().getCredentialId() + " was revoked at " + Findings.iso(revoked)
                + " but performed " + ctx.event().getAction() + Findings.who(ctx) + ".";
        return Findings.onEvent(ctx, type(), ctx.event().getAction(), summary,
                Findings.evidence("revokedAt", Findings.iso(revoked)));
    }
}
