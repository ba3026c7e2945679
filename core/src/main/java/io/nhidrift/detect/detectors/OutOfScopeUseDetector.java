package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Conditions;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import io.nhidrift.detect.InventoryContext;
import io.nhidrift.detect.InventoryDetector;
import io.nhidrift.inventory.Glob;

/**
 * A known credential successfully performs an action its grants do not cover (or a deny covers),
 * once per credential and action (the condition, named by the action in its comparison form).
 * Denied calls are attempts, not uses. The condition ends when an inventory version covers the
 * action, so a still later version that does not cover it makes its next use news again.
 */
public final class OutOfScopeUseDetector implements EventDetector, InventoryDetector {

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
    public void onEvent(EventContext ctx, Decisions out) {
        if (ctx.knownUse() && Boolean.FALSE.equals(ctx.inScope())) {
            out.holds(Glob.normalize(ctx.event().getAction()), () -> finding(ctx));
        }
    }

    @Override
    public void onInventory(InventoryContext ctx, Decisions out) {
        for (String action : Conditions.armed(ctx.state(), type())) {
            if (ctx.compiled().inScope(action)) {
                out.ended(action);
            }
        }
    }

    private Finding finding(EventContext ctx) {
        String action = ctx.event().getAction();
        boolean denyHit = ctx.compiled().denied(action);
        String summary = "Credential " + ctx.event().getCredentialId() + " performed " + action
                + (denyHit ? ", which its entitlement explicitly denies," : ", which is outside its grants,")
                + Findings.who(ctx) + ".";
        return Findings.onEvent(ctx, type(), action, summary, Findings.evidence("matchedDeny", denyHit));
    }
}
