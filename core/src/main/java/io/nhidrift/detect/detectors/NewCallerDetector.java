package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.Map;
import java.util.TreeSet;

/**
 * After a credential's learning period, a caller network or user-agent family never seen for it.
 * Networks are IPv4 /24 and IPv6 /48 (a new address in a known range is not new); agent families
 * drop versions (an SDK upgrade is not new). The condition is the facet ({@code network:…},
 * {@code agent:…}); it stays armed, and the facet is learned, so it is reported once.
 */
public final class NewCallerDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.NEW_CALLER;
    }

    @Override
    public String description() {
        return "After the learning period of a credential, a caller network (IPv4 /24, IPv6 /48, or a non-IP token) or user-agent family never seen for it.";
    }

    @Override
    public String remediation() {
        return "Check with the owner that the new caller is one of theirs (a new runner, region or tool); if not, treat the credential as leaked and rotate it.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (!ctx.known()) {
            return;
        }
        Long first = ctx.state().getFirstActivity();
        if (first == null || ctx.time() - first < ctx.config().learningPeriod().toMillis()) {
            return;
        }
        report(ctx, out, ctx.facets().network(), ctx.state().getNetworks(), "network");
        report(ctx, out, ctx.facets().agentFamily(), ctx.state().getAgents(), "user agent");
    }

    private void report(EventContext ctx, Decisions out, String value, Map<String, Long> seen, String what) {
        if (value != null && !seen.containsKey(value)) {
            String facet = what.equals("network") ? ctx.facets().networkFacet() : ctx.facets().agentFacet();
            out.holds(facet, () -> finding(ctx, value, facet, seen, what));
        }
    }

    private Finding finding(EventContext ctx, String value, String facet, Map<String, Long> seen, String what) {
        String summary = "Credential " + ctx.event().getCredentialId() + " was used from a new " + what + " " + value
                + " (" + ctx.event().getAction() + "), after " + seen.size() + " known " + what + (seen.size() == 1 ? "" : "s") + ".";
        return Findings.onEvent(ctx, type(), facet, summary, Findings.evidence("known", new TreeSet<>(seen.keySet())));
    }
}
