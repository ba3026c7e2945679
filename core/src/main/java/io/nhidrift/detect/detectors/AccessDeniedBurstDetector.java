package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;

/**
 * N or more denied calls by one credential within a sliding window. One condition per credential:
 * it holds while a denied call finds N in its window and ends when one finds fewer, so it fires
 * once per burst.
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
    public void onEvent(EventContext ctx, Decisions out) {
        if (!ctx.denied()) {
            return;
        }
        if (deniedInWindow(ctx) < ctx.config().burstCount()) {
            out.ended(Decisions.PER_CREDENTIAL);
        } else {
            out.holds(Decisions.PER_CREDENTIAL, () -> finding(ctx));
        }
    }

    /** This denied call and the earlier ones of the state within the window before it. */
    private static int deniedInWindow(EventContext ctx) {
        long t = ctx.time();
        long from = t - ctx.config().burstWindow().toMillis();
        int count = 1;
        for (long d : ctx.state().getDeniedTimes()) {
            if (d >= from && d <= t) {
                count++;
            }
        }
        return count;
    }

    private Finding finding(EventContext ctx) {
        int count = deniedInWindow(ctx);
        long from = ctx.time() - ctx.config().burstWindow().toMillis();
        String summary = "Credential " + ctx.event().getCredentialId() + " had " + count + " denied calls within "
                + ctx.config().burstWindow().toMinutes() + " minutes, the latest " + ctx.event().getAction() + Findings.who(ctx) + ".";
        return Findings.onEvent(ctx, type(), String.valueOf(count), summary,
                Findings.evidence("deniedInWindow", count, "windowStart", Findings.iso(from)));
    }
}
