package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import io.nhidrift.inventory.Glob;
import java.util.List;

/**
 * A known credential successfully performs an action its grants do not cover (or a deny covers),
 * once per credential and action. Denied calls are attempts, not uses.
 */
public final class OutOfScopeUseDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.OUT_OF_SCOPE_USE;
    }

    @Override
    public String description() {
        return "A known credential successfully performs an action outside its grants (or inside a deny); once per credential and action.";
    }

    @Override
    public String remediation() {
        return "Confirm with the owner whether the action is legitimate: add it to the grants, or revoke the permission and rotate the credential if it is not.";
    }

    @Override
    public List<Finding> onEvent(EventContext ctx) {
        if (!ctx.knownUse() || !Boolean.FALSE.equals(ctx.inScope())) {
            return List.of();
        }
        String action = ctx.event().getAction();
        boolean denyHit = ctx.compiled().denied(action);
        String summary = "Credential " + ctx.event().getCredentialId() + " performed " + action
                + (denyHit ? ", which its entitlement explicitly denies," : ", which is outside its grants,")
                + Findings.who(ctx) + ".";
        return List.of(Findings.onEvent(ctx, type(), type().name() + "|" + Glob.normalize(action), action, summary,
                Findings.evidence("matchedDeny", denyHit)));
    }
}
