package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/** A successful use after the credential's {@code expiresAt}; once per expiry date (the condition's name). */
public final class ExpiredCredentialUseDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.EXPIRED_CREDENTIAL_USE;
    }

    @Override
    public String description() {
        return "A successful use after the credential's expiresAt; once per expiry date.";
    }

    @Override
    public String remediation() {
        return "Disable the credential at the provider: it should not work any more. Find the caller and issue it a fresh, short-lived credential.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        Long expires = ctx.entitlement() == null ? null : ctx.entitlement().getExpiresAt();
        if (ctx.knownUse() && expires != null && ctx.time() > expires) {
            out.holds(String.valueOf(expires), () -> finding(ctx, expires));
        }
    }

    private Finding finding(EventContext ctx, long expires) {
        String summary = "Credential " + ctx.event().getCredentialId() + " expired at " + Findings.iso(expires)
                + " but performed " + ctx.event().getAction() + Findings.who(ctx) + ".";
        return Findings.onEvent(ctx, type(), ctx.event().getAction(), summary,
                Findings.evidence("expiresAt", Findings.iso(expires)));
    }
}
