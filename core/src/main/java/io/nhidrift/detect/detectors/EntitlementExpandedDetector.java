package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.Finding;
import io.nhidrift.detect.InventoryContext;
import io.nhidrift.detect.InventoryDetector;
import io.nhidrift.inventory.Glob;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A new inventory version adds grant patterns. A change of owner or purpose, a removal of grants,
 * or the same patterns written in another case is not an expansion. An occurrence (one per
 * version), not a lasting condition.
 */
public final class EntitlementExpandedDetector implements InventoryDetector {

    @Override
    public AlertType type() {
        return AlertType.ENTITLEMENT_EXPANDED;
    }

    @Override
    public String description() {
        return "A newer inventory version of a credential adds grant patterns (changes of owner or purpose and removals are not alerts).";
    }

    @Override
    public String remediation() {
        return "Confirm the new grants were requested and approved; prefer the narrowest pattern that covers the need.";
    }

    @Override
    public void onInventory(InventoryContext ctx, Decisions out) {
        if (ctx.previous() == null) {
            return;
        }
        Set<String> before = new HashSet<>();
        ctx.previous().getGrants().forEach(g -> before.add(Glob.normalize(g)));
        TreeSet<String> added = new TreeSet<>();
        for (String g : ctx.current().getGrants()) {
            if (!before.contains(Glob.normalize(g))) {
                added.add(g);
            }
        }
        if (!added.isEmpty()) {
            out.occurred(() -> finding(ctx, List.copyOf(added)));
        }
    }

    private Finding finding(InventoryContext ctx, List<String> added) {
        String summary = "Credential " + ctx.current().getCredentialId() + " was granted " + String.join(", ", added)
                + " in its inventory version of " + Findings.iso(ctx.time()) + ".";
        return new Finding(type(), added, ctx.time(), summary,
                Findings.evidence("previousGrants", ctx.previous().getGrants(),
                        "previousAsOf", ctx.previous().getAsOf() == null ? null : Findings.iso(ctx.previous().getAsOf())),
                "asOf=" + ctx.time() + "|" + String.join(",", added));
    }
}
