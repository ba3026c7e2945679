package io.nhidrift.recommend;

import java.util.List;

/**
 * A least-privilege recommendation for one credential, platform-neutral; the {@link Format}s render it natively.
 *
 * @param entries what to grant: the actions used in scope (or, for a gateway, the route patterns used), sorted
 * @param outsideGrants actions used outside today's grants, deliberately not recommended (they are drift to investigate)
 * @param notes what the reader must know before applying it (what is not tracked, what was left out)
 */
public record Recommendation(String credentialId, String kind, Platform platform, List<String> entries,
        List<String> outsideGrants, GrantDiff diff, List<String> notes) {

    /** The notes as one paragraph. */
    public String note() {
        return String.join(" ", notes);
    }
}
