package io.nhidrift.review;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** States and entitlements for the review and recommendation tests. */
public final class ReviewFixtures {
    private ReviewFixtures() {}

    public static final long DAY = 86_400_000L;
    public static final long NOW = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    public static Entitlement entitlement(String id, String kind, String... grants) {
        return Entitlement.newBuilder().setCredentialId(id).setKind(kind).setGrants(List.of(grants))
                .setAsOf(NOW - 200 * DAY).build();
    }

    /** A state that used each action {@code count} times, last at {@code lastUse} (inScope left unknown: recomputed). */
    public static CredentialState used(String id, long lastUse, Map<String, Long> counts) {
        Map<String, ActionUsage> actions = new HashMap<>();
        counts.forEach((a, c) -> actions.put(a, ActionUsage.newBuilder().setCount(c).setFirstSeen(lastUse - DAY)
                .setLastSeen(lastUse).build()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return CredentialState.newBuilder().setCredentialId(id).setKnownSince(NOW - 200 * DAY)
                .setFirstSeen(counts.isEmpty() ? null : lastUse - DAY).setLastSeen(counts.isEmpty() ? null : lastUse)
                .setUseCount(total).setActions(actions).build();
    }
}
