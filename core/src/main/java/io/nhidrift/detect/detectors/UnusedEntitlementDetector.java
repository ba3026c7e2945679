package io.nhidrift.detect.detectors;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Conditions;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.detect.DueContext;
import io.nhidrift.detect.DueDetector;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * After the observation window, the grant patterns that matched no use within the window (each
 * pattern is observed from when it was granted). The evidence carries the least-privilege set: the
 * in-scope actions actually used. Each pattern is a condition, reported once per unused spell: a
 * use ends it, and so does a check that finds it used within the window.
 */
public final class UnusedEntitlementDetector implements EventDetector, DueDetector {

    @Override
    public AlertType type() {
        return AlertType.UNUSED_ENTITLEMENT;
    }

    @Override
    public String description() {
        return "After the observation window, grant patterns that matched no use within the window; evidence lists the actions actually used (least privilege).";
    }

    @Override
    public String remediation() {
        return "Remove the unused patterns, or replace the grants by the recommendedGrants in the evidence.";
    }

    @Override
    public byte indexKind() {
        return 'U';
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        if (ctx.knownUse() && Boolean.TRUE.equals(ctx.inScope())) {
            for (String p : ctx.matchedGrants()) {
                out.ended(p);
            }
        }
    }

    @Override
    public Long nextDue(CredentialState state, Entitlement ent, Long currentDue, DetectionConfig config) {
        if (!observed(state, ent)) {
            return null;
        }
        if (currentDue != null) {
            return currentDue; // an entry wanted later stays; it is moved when it comes due
        }
        List<String> open = ent.getGrants().stream().filter(p -> !Conditions.isArmed(state, type(), p)).toList();
        long window = config.unusedWindow().toMillis();
        return open.isEmpty() ? null : Math.max(GrantUse.earliestWindowEnd(state, open, window), state.getKnownSince() + window);
    }

    /** Whether there is something to observe: grants, and when the credential became known. */
    private static boolean observed(CredentialState state, Entitlement ent) {
        return ent != null && !ent.getGrants().isEmpty() && state.getKnownSince() != null;
    }

    @Override
    public Long onDue(DueContext ctx, Decisions out) {
        CredentialState state = ctx.state();
        Entitlement ent = ctx.entitlement();
        if (!observed(state, ent)) {
            return null;
        }
        long t = ctx.due();
        long window = ctx.config().unusedWindow().toMillis();
        if (t < state.getKnownSince() + window) {
            return state.getKnownSince() + window;
        }
        Map<String, Long> lastUse = GrantUse.lastUseByPattern(state, ctx.compiled());
        TreeSet<String> unused = new TreeSet<>();
        long next = Long.MAX_VALUE;
        for (String p : ent.getGrants()) {
            long windowEnd = GrantUse.windowEnd(state, p, lastUse, window);
            if (windowEnd <= t) {
                unused.add(p);
            } else {
                out.ended(p);
                next = Math.min(next, windowEnd);
            }
        }
        out.holdAll(unused, fresh -> finding(state, ent, t, window, fresh, unused, lastUse));
        return next == Long.MAX_VALUE ? null : next;
    }

    private Finding finding(CredentialState state, Entitlement ent, long t, long window, List<String> subject,
            TreeSet<String> unused, Map<String, Long> lastUse) {
        List<String> used = GrantUse.inScopeActions(state);
        String summary = "Credential " + state.getCredentialId() + " did not use " + String.join(", ", subject)
                + " in the last " + Findings.days(window) + "; " + used.size() + " distinct actions were used"
                + (used.isEmpty() ? "." : ", shrink the grants to those.");
        return new Finding(type(), subject, t, summary,
                Findings.evidence("unusedPatterns", List.copyOf(unused), "grants", ent.getGrants(),
                        "recommendedGrants", used, "lastUseByPattern", GrantUse.iso(lastUse),
                        "observedSince", Findings.iso(state.getKnownSince()), "windowDays", window / 86_400_000L),
                "due=" + t + "|" + String.join(",", subject));
    }

    @Override
    public Long scheduled(CredentialState state) {
        return state.getUnusedDue();
    }

    @Override
    public void setScheduled(CredentialState state, Long due) {
        state.setUnusedDue(due);
    }
}
