package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.List;

/**
 * N or more denied calls by one credential within a sliding window. Fires once per burst: it can
 * fire again only after a denied call finds fewer than N in its window.
 */
public final class AccessDeniedBurstDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.ACCESS_DENIED_BURST;
    }

    @Override
    public String description() {
        return "N or more denied calls by one credential within a sliding window (a discovery or brute-force pattern); once per burst.";
    }

    @Override
    public String remediation() {
        return "Someone is probing with this credential: check the denied actions and callers, and rotate the credential if they are not its workload.";
    }

    @Override
    public List<Finding> onEvent(EventContext ctx) {
        if (!ctx.denied()) {
            return List.of();
        }
        long t = ctx.time();
        long from = t - ctx.config().burstWindow().toMillis();
        int count = 1;
        for (long d : ctx.state().getDeniedTimes()) {
            if (d >= from && d <= t) {
                count++;
            }
        }
        if (count < ctx.config().burstCount()) {
            ctx.conditions().clear(type().name());
            return List.of();
        }
        String summary = "Credential " + ctx.event().getCredentialId() + " had " + count + " denied calls within "
                + ctx.config().burstWindow().toMinutes() + " minutes, the latest " + ctx.event().getAction() + Findings.who(ctx) + ".";
        return List.of(Findings.onEvent(ctx, type(), type().name(), String.valueOf(count), summary,
                Findings.evidence("deniedInWindow", count, "windowStart", Findings.iso(from))));
    }
}
