package io.nhidrift.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events of inventoried credentials that fall before the credential's first {@code asOf}: CONTRACT section 6
 * applies a version from its instant, so those events find the credential absent (UNKNOWN_CREDENTIAL, no idle
 * or scope checks). A few are normal (a credential created during the logs); most of them usually mean the
 * inventory was stamped when it was exported rather than when it took effect.
 */
record LateInventory(long early, long total, long credentialsMostlyEarly, String example, long exampleEarly, long exampleTotal) {

    /**
     * Counts over the timeline's steps before {@link ReplayTimeline#order} (which drops inventory after
     * {@code --until}); a record without asOf applies from the start.
     */
    static LateInventory of(List<ReplayTimeline.Step> steps) {
        Map<String, Long> firstAsOf = new HashMap<>();
        for (ReplayTimeline.Step s : steps) {
            if (s.inventoryKey != null) {
                firstAsOf.merge(s.inventoryKey, s.time, Math::min);
            }
        }
        Map<String, long[]> counts = new HashMap<>(); // credential -> {early, total}
        for (ReplayTimeline.Step s : steps) {
            Long asOf = s.event == null ? null : firstAsOf.get(s.event.getCredentialId());
            if (asOf != null) {
                long[] c = counts.computeIfAbsent(s.event.getCredentialId(), k -> new long[2]);
                c[0] += s.time < asOf ? 1 : 0;
                c[1]++;
            }
        }
        return of(counts);
    }

    /** From the events of each inventoried credential: {@code credential -> {before its first asOf, all}}. */
    static LateInventory of(Map<String, long[]> counts) {
        long early = 0;
        long total = 0;
        long mostly = 0;
        String example = null;
        long[] worst = {0, 0};
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            early += c[0];
            total += c[1];
            if (2 * c[0] > c[1]) {
                mostly++;
                if (c[0] > worst[0] || (c[0] == worst[0] && (example == null || e.getKey().compareTo(example) < 0))) {
                    example = e.getKey();
                    worst = c;
                }
            }
        }
        return new LateInventory(early, total, mostly, example, worst[0], worst[1]);
    }

    /** Whether most events of some inventoried credential (or of all of them) come before its first asOf. */
    boolean suspicious() {
        return credentialsMostlyEarly > 0 || 2 * early > total;
    }

    /** The one warning line, without prefix; {@code example} is input text, to be escaped by the printer. */
    String warning(String escapedExample) {
        return "inventory takes effect after most of the events it would apply to: " + early + " of " + total
                + " events of inventoried credentials come before the credential's first asOf ("
                + credentialsMostlyEarly + " credential" + (credentialsMostlyEarly == 1 ? "" : "s") + " mostly before"
                + (example == null ? "" : ", e.g. " + escapedExample + ": " + exampleEarly + " of " + exampleTotal)
                + "); those events find the credential absent. If the inventory was exported after the logs, re-import it"
                + " with 'import --asof <start of the logs>'";
    }
}
