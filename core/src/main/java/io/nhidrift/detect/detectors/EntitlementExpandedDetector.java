package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
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
 * or the same patterns written in another case is not an expansion.
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
    public List<Finding> onInventory(InventoryContext ctx) {
        if (ctx.previous() == null) {
            return List.of();
        }
        Set<String> before = new HashSet<>();
        ctx.previous().getGrants().forEach(g -> before.add(Glob.normalize(g)));
        TreeSet<String> added = new TreeSet<>();
        for (String g : ctx.current().getGrants()) {
            if (!before.contains(Glob.normalize(g))) {
                added.add(g);
            }
        }
        if (added.isEmpty()) {
            return List.of();
        }
        List<String> subject = List.copyOf(added);
        String summary = "Credential " + ctx.current().getCredentialId() + " was granted " + String.join(", ", subject)
                + " in its inventory version of " + Findings.iso(ctx.time()) + ".";
        return List.of(new Finding(type(), null, subject, ctx.time(), summary,
                Findings.evidence("previousGrants", ctx.previous().getGrants(),
                        "previousAsOf", ctx.previous().getAsOf() == null ? null : Findings.iso(ctx.previous().getAsOf())),
                "asOf=" + ctx.time() + "|" + String.join(",", subject)));
    }
}
