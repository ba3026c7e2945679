package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/** Activity from a credential that is not in the inventory, once per credential. */
public final class UnknownCredentialDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.UNKNOWN_CREDENTIAL;
    }

    @Override
    public String description() {
        return "Activity (a use or a denied attempt) from a credential absent from the inventory; once per credential.";
    }

    @Override
    public String remediation() {
        return "Find the owner and add the credential to the inventory with its intended grants, or disable it.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (!ctx.known()) {
            out.holds(Decisions.PER_CREDENTIAL, () -> finding(ctx));
        }
    }

    private Finding finding(EventContext ctx) {
        String summary = "Credential " + ctx.event().getCredentialId() + " is not in the inventory but called "
                + ctx.event().getAction() + Findings.who(ctx) + ".";
        return Findings.onEvent(ctx, type(), null, summary);
    }
}
