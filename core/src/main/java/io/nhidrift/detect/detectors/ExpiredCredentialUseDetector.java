package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.List;

/** A successful use after the credential's {@code expiresAt}; once per expiry date. */
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
    public List<Finding> onEvent(EventContext ctx) {
        Long expires = ctx.entitlement() == null ? null : ctx.entitlement().getExpiresAt();
        if (!ctx.knownUse() || expires == null || ctx.time() <= expires) {
            return List.of();
        }
        String summary = "Credential " + ctx.event().getCredentialId() + " expired at " + Findings.iso(expires)
                + " but performed " + ctx.event().getAction() + Findings.who(ctx) + ".";
        return List.of(Findings.onEvent(ctx, type(), type().name() + "|" + expires, ctx.event().getAction(), summary,
                Findings.evidence("expiresAt", Findings.iso(expires))));
    }
}
