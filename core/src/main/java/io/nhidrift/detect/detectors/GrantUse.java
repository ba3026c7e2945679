package io.nhidrift.detect.detectors;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** How a credential's grant patterns were used, from its state (for {@link UnusedEntitlementDetector}). */
final class GrantUse {
    private GrantUse() {}

    /** When the pattern was granted (its observation starts), else when the credential became known. */
    static long since(CredentialState state, String pattern) {
        Long s = state.getGrantsSince().get(pattern);
        return s != null ? s : state.getKnownSince();
    }

    /** When the pattern's unused window ends: the window after the later of its grant and its last use. */
    static long windowEnd(CredentialState state, String pattern, Map<String, Long> lastUse, long window) {
        return Math.max(since(state, pattern), lastUse.getOrDefault(pattern, Long.MIN_VALUE)) + window;
    }

    /** The earliest end of the unused windows of {@code patterns}, by the scope verdicts kept in the state. */
    static long earliestWindowEnd(CredentialState state, List<String> patterns, long window) {
        Map<String, Long> lastUse = lastUseByPattern(state, null);
        long earliest = Long.MAX_VALUE;
        for (String p : patterns) {
            earliest = Math.min(earliest, windowEnd(state, p, lastUse, window));
        }
        return earliest;
    }

    /** The actions the credential used within its scope, sorted: the least-privilege grant set. */
    static List<String> inScopeActions(CredentialState state) {
        TreeSet<String> used = new TreeSet<>();
        state.getActions().forEach((action, a) -> {
            if (Boolean.TRUE.equals(a.getInScope())) {
                used.add(action);
            }
        });
        return List.copyOf(used);
    }

    /** The last uses as ISO-8601 instants, sorted by pattern. */
    static Map<String, String> iso(Map<String, Long> lastUse) {
        Map<String, String> out = new TreeMap<>();
        lastUse.forEach((p, u) -> out.put(p, Findings.iso(u)));
        return out;
    }

    /** Latest in-scope use per grant pattern; with {@code compiled}, stale verdicts are recomputed. */
    static Map<String, Long> lastUseByPattern(CredentialState state, CompiledEntitlement compiled) {
        Map<String, Long> last = new HashMap<>();
        for (Map.Entry<String, ActionUsage> e : state.getActions().entrySet()) {
            ActionUsage a = e.getValue();
            List<String> matched = a.getMatchedGrants();
            if (compiled != null && a.getScopeVersion() != compiled.fingerprint()) {
                matched = compiled.inScope(e.getKey()) ? compiled.matchingGrants(e.getKey()) : new ArrayList<>();
            } else if (!Boolean.TRUE.equals(a.getInScope())) {
                continue;
            }
            for (String p : matched) {
                last.merge(p, a.getLastSeen(), Math::max);
            }
        }
        return last;
    }
}
