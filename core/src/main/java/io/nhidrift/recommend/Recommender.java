package io.nhidrift.recommend;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.review.ActionUse;
import io.nhidrift.review.GrantUsage;
import io.nhidrift.review.PatternUse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds the least-privilege recommendation from granted versus used ({@link GrantUsage}): the actions used within
 * today's grants, each as itself, so a used wildcard is replaced by the actions used under it. For a gateway
 * credential the used grant patterns are kept instead, because its actions are concrete request paths
 * ({@code GET /v1/orders/42}) that a route grant should not enumerate. Actions used outside the grants are never
 * recommended: granting them would legitimize the drift the detectors report.
 */
public final class Recommender {

    private Recommender() {}

    public static Recommendation recommend(String credentialId, CredentialState state, Entitlement ent) {
        GrantUsage usage = GrantUsage.of(state, ent);
        Platform platform = ent == null ? Platform.ofCredentialId(credentialId) : Platform.of(ent.getKind());
        List<String> grants = ent == null ? List.of() : ent.getGrants();
        List<String> used = usage.usedOutsideGrants().stream().map(ActionUse::action).toList();
        List<String> entries;
        List<String> outside;
        if (ent == null) { // nothing granted: what it used is where its inventory entry would start
            entries = used;
            outside = List.of();
        } else {
            entries = platform == Platform.GATEWAY
                    ? usage.grants().stream().filter(g -> !g.neverUsed()).map(PatternUse::pattern).sorted().distinct().toList()
                    : usage.inScopeActions();
            outside = used;
        }
        List<String> notes = new ArrayList<>();
        if (ent == null) {
            notes.add("The credential is not in the inventory: the recommendation is what it used, the grants to inventory"
                    + " it with if it is legitimate; otherwise disable it.");
        }
        if (entries.isEmpty()) {
            notes.add("No use within today's grants was recorded: the least-privilege policy grants nothing; consider disabling"
                    + " the credential.");
        }
        if (!outside.isEmpty()) {
            notes.add(outside.size() + " action(s) used outside today's grants are not recommended (investigate them"
                    + " first, see OUT_OF_SCOPE_USE): " + String.join(", ", new TreeSet<>(outside)) + ".");
        }
        if (state != null && state.getActionsOverflow() > 0) {
            notes.add(state.getActionsOverflow() + " use(s) of actions beyond the per-credential cap"
                    + " (detect.max-actions-per-credential) were not itemized and may be missing here.");
        }
        if (platform == Platform.GATEWAY && ent != null) {
            notes.add("Gateway routes: the grant patterns under which requests were made; unused patterns are removed.");
        }
        GrantDiff diff = GrantDiff.between(grants, entries);
        return new Recommendation(credentialId, ent == null ? null : ent.getKind(), platform, entries, outside, diff,
                List.copyOf(notes));
    }
}
