package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a credential's learning period, a caller network or user-agent family never seen for it.
 * Networks are IPv4 /24 and IPv6 /48 (a new address in a known range is not new); agent families
 * drop versions (an SDK upgrade is not new).
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
    public List<Finding> onEvent(EventContext ctx) {
        if (!ctx.known()) {
            return List.of();
        }
        Long first = ctx.state().getFirstActivity();
        if (first == null || ctx.time() - first < ctx.config().learningPeriod().toMillis()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(2);
        add(out, ctx, ctx.facets().network(), ctx.facets().networkFacet(), ctx.state().getNetworks(), "network");
        add(out, ctx, ctx.facets().agentFamily(), ctx.facets().agentFacet(), ctx.state().getAgents(), "user agent");
        return out;
    }

    private void add(List<Finding> out, EventContext ctx, String value, String facet, Map<String, Long> seen, String what) {
        if (value == null || seen.containsKey(value)) {
            return;
        }
        String summary = "Credential " + ctx.event().getCredentialId() + " was used from a new " + what + " " + value
                + " (" + ctx.event().getAction() + "), after " + seen.size() + " known " + what + (seen.size() == 1 ? "" : "s") + ".";
        out.add(Findings.onEvent(ctx, type(), type().name() + "|" + facet, facet, summary,
                Findings.evidence("known", new java.util.TreeSet<>(seen.keySet()))));
    }
}
