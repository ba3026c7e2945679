package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.List;

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
    public List<Finding> onEvent(EventContext ctx) {
        if (ctx.known()) {
            return List.of();
        }
        String summary = "Credential " + ctx.event().getCredentialId() + " is not in the inventory but called "
                + ctx.event().getAction() + Findings.who(ctx) + ".";
        return List.of(Findings.onEvent(ctx, type(), type().name(), null, summary));
    }
}
