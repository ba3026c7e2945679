package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import io.nhidrift.identity.InteractiveClient;

/** A machine credential used by an interactive client (browser, cloud console); once per agent family (the condition's name). */
public final class HumanUseDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.HUMAN_USE;
    }

    @Override
    public String description() {
        return "An inventoried machine credential is used from an interactive client (a web browser or a cloud console); once per agent family.";
    }

    @Override
    public String remediation() {
        return "A person is using a machine credential: give them their own identity, and rotate the credential since it has left its workload.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (ctx.known() && InteractiveClient.is(ctx.event())) {
            out.holds(String.valueOf(ctx.facets().agentFamily()), () -> finding(ctx));
        }
    }

    private Finding finding(EventContext ctx) {
        String family = ctx.facets().agentFamily();
        String summary = "Machine credential " + ctx.event().getCredentialId() + " was used interactively ("
                + family + ") to call " + ctx.event().getAction() + Findings.who(ctx) + ".";
        return Findings.onEvent(ctx, type(), family, summary);
    }
}
