package io.nhidrift.review;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Granted versus used for one credential: per grant pattern (inventory order) the actions used under it, and the
 * actions used outside every grant (matching none, or matching a deny). Scope is recomputed against the current
 * entitlement, never taken from verdicts cached under an earlier version. Only successful uses count (the state
 * itemizes no denied attempts); uses beyond the per-credential action cap are not itemized.
 *
 * @param inScope every action used in scope, sorted: the least-privilege action set
 */
public record GrantUsage(List<PatternUse> grants, List<ActionUse> usedOutsideGrants, List<ActionUse> inScope) {

    /** @param state the usage or null; @param ent the entitlement or null (then every use is outside grants) */
    public static GrantUsage of(CredentialState state, Entitlement ent) {
        Map<String, ActionUsage> actions = state == null ? Map.of() : new TreeMap<>(state.getActions());
        CompiledEntitlement compiled = ent == null ? null : CompiledEntitlement.of(ent);
        Map<String, List<ActionUse>> byPattern = new LinkedHashMap<>();
        if (ent != null) {
            ent.getGrants().forEach(p -> byPattern.putIfAbsent(p, new ArrayList<>()));
        }
        List<ActionUse> outside = new ArrayList<>();
        List<ActionUse> inScope = new ArrayList<>();
        for (Map.Entry<String, ActionUsage> a : actions.entrySet()) {
            ActionUse use = new ActionUse(a.getKey(), a.getValue().getCount(), a.getValue().getLastSeen());
            if (compiled == null || !compiled.inScope(a.getKey())) {
                outside.add(use);
                continue;
            }
            inScope.add(use);
            for (String p : new java.util.LinkedHashSet<>(compiled.matchingGrants(a.getKey()))) {
                byPattern.get(p).add(use);
            }
        }
        List<PatternUse> grants = new ArrayList<>(byPattern.size());
        byPattern.forEach((p, uses) -> {
            long count = 0;
            Long last = null;
            for (ActionUse u : uses) {
                count += u.count();
                last = last == null ? u.lastUsed() : Math.max(last, u.lastUsed());
            }
            grants.add(new PatternUse(p, count, last, List.copyOf(uses)));
        });
        return new GrantUsage(List.copyOf(grants), List.copyOf(outside), List.copyOf(inScope));
    }

    public int grantCount() {
        return grants.size();
    }

    public int usedGrantCount() {
        return (int) grants.stream().filter(g -> !g.neverUsed()).count();
    }

    /** Share of grant patterns never used, 0..1; null when the credential has no grants. */
    public Double unusedShare() {
        return grants.isEmpty() ? null : (grants.size() - usedGrantCount()) / (double) grants.size();
    }

    /** The actions used in scope, sorted. */
    public List<String> inScopeActions() {
        return inScope.stream().map(ActionUse::action).toList();
    }
}
