package io.nhidrift.detect.detectors;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.detect.DueContext;
import io.nhidrift.detect.DueDetector;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * After the observation window, the grant patterns that matched no use within the window (each
 * pattern is observed from when it was granted). The evidence carries the least-privilege set: the
 * in-scope actions actually used. A pattern is reported once per unused spell: a use re-arms it.
 */
public final class UnusedEntitlementDetector implements EventDetector, DueDetector {

    static final String KEY = AlertType.UNUSED_ENTITLEMENT.name() + "|";

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
    public List<Finding> onEvent(EventContext ctx) {
        if (ctx.knownUse() && Boolean.TRUE.equals(ctx.inScope())) {
            for (String p : ctx.matchedGrants()) {
                ctx.conditions().clear(KEY + p);
            }
        }
        return List.of();
    }

    @Override
    public Long nextDue(CredentialState state, Entitlement ent, Long currentDue, DetectionConfig config) {
        if (ent == null || ent.getGrants().isEmpty() || state.getKnownSince() == null) {
            return null;
        }
        if (currentDue != null) {
            return currentDue;
        }
        boolean anyOpen = ent.getGrants().stream().anyMatch(p -> !state.getActiveConditions().containsKey(KEY + p));
        if (!anyOpen) {
            return null;
        }
        Map<String, Long> lastUse = lastUseByPattern(state, null);
        long window = config.unusedWindow().toMillis();
        long earliest = Long.MAX_VALUE;
        for (String p : ent.getGrants()) {
            if (!state.getActiveConditions().containsKey(KEY + p)) {
                earliest = Math.min(earliest, Math.max(since(state, p), lastUse.getOrDefault(p, Long.MIN_VALUE)) + window);
            }
        }
        return Math.max(earliest, state.getKnownSince() + window);
    }

    @Override
    public Result onDue(DueContext ctx) {
        CredentialState state = ctx.state();
        Entitlement ent = ctx.entitlement();
        if (ent == null || ent.getGrants().isEmpty() || state.getKnownSince() == null) {
            return new Result(List.of(), null);
        }
        long t = ctx.due();
        long window = ctx.config().unusedWindow().toMillis();
        if (t < state.getKnownSince() + window) {
            return new Result(List.of(), state.getKnownSince() + window);
        }
        Map<String, Long> lastUse = lastUseByPattern(state, ctx.compiled());
        TreeSet<String> unused = new TreeSet<>();
        TreeSet<String> newlyUnused = new TreeSet<>();
        long next = Long.MAX_VALUE;
        for (String p : ent.getGrants()) {
            long openUntil = Math.max(since(state, p), lastUse.getOrDefault(p, Long.MIN_VALUE)) + window;
            if (openUntil <= t) {
                unused.add(p);
                if (!ctx.conditions().isActive(KEY + p)) {
                    newlyUnused.add(p);
                    ctx.conditions().activate(KEY + p, t);
                }
            } else {
                ctx.conditions().clear(KEY + p);
                next = Math.min(next, openUntil);
            }
        }
        Long nextDue = next == Long.MAX_VALUE ? null : next;
        if (newlyUnused.isEmpty()) {
            return new Result(List.of(), nextDue);
        }
        return new Result(List.of(finding(state, ent, t, window, List.copyOf(newlyUnused), unused, lastUse)), nextDue);
    }

    private Finding finding(CredentialState state, Entitlement ent, long t, long window, List<String> subject,
            TreeSet<String> unused, Map<String, Long> lastUse) {
        TreeSet<String> used = new TreeSet<>();
        state.getActions().forEach((action, a) -> {
            if (Boolean.TRUE.equals(a.getInScope())) {
                used.add(action);
            }
        });
        Map<String, String> lastUseIso = new TreeMap<>();
        lastUse.forEach((p, u) -> lastUseIso.put(p, Findings.iso(u)));
        String summary = "Credential " + state.getCredentialId() + " did not use " + String.join(", ", subject)
                + " in the last " + Findings.days(window) + "; " + used.size() + " distinct actions were used"
                + (used.isEmpty() ? "." : ", shrink the grants to those.");
        return new Finding(type(), null, subject, t, summary,
                Findings.evidence("unusedPatterns", List.copyOf(unused), "grants", ent.getGrants(),
                        "recommendedGrants", List.copyOf(used), "lastUseByPattern", lastUseIso,
                        "observedSince", Findings.iso(state.getKnownSince()), "windowDays", window / 86_400_000L),
                "due=" + t + "|" + String.join(",", subject));
    }

    private static long since(CredentialState state, String pattern) {
        Long s = state.getGrantsSince().get(pattern);
        return s != null ? s : state.getKnownSince();
    }

    /** Latest in-scope use per grant pattern; with {@code compiled}, stale verdicts are recomputed. */
    private static Map<String, Long> lastUseByPattern(CredentialState state, CompiledEntitlement compiled) {
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

    @Override
    public Long scheduled(CredentialState state) {
        return state.getUnusedDue();
    }

    @Override
    public void setScheduled(CredentialState state, Long due) {
        state.setUnusedDue(due);
    }
}
