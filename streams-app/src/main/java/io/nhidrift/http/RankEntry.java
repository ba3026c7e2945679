package io.nhidrift.http;

import io.nhidrift.review.CredentialStatus;
import java.util.List;
import java.util.Map;

/**
 * One credential as the rank index keeps it: what the list filters test (kind, owner, team, status, whether an alert
 * condition holds, sources) and the three sort values, as reviewed when the index was built. A missing value is
 * {@code NaN} (no boxing). The strings are the ones the store's key and the review produced, de-duplicated per
 * partition ({@link #of}), so a fleet with few owners and teams holds each of them once.
 *
 * <p>Size on a 64-bit JVM with compressed references: 12 bytes header + 6 references × 4 + 3 doubles × 8 + 1 boolean,
 * aligned to 8: 64 bytes; plus one array slot (4 bytes) in each of the six sorted arrays of {@link PartitionRanks}.
 */
record RankEntry(String id, String kind, String owner, String team, CredentialStatus status, boolean openAlerts,
        List<String> sources, double risk, double lastSeen, double unusedShare) {

    /** The entry of a reviewed row; {@code shared} maps each string and source list to its one kept instance. */
    static RankEntry of(CredentialRow r, Map<Object, Object> shared) {
        return new RankEntry(r.credentialId(), share(shared, r.kind()), share(shared, r.owner()), share(shared, r.team()),
                r.status(), r.openAlerts() > 0, share(shared, r.sources()), value(ListSort.RISK.value(r)),
                value(ListSort.LAST_SEEN.value(r)), value(ListSort.UNUSED_SHARE.value(r)));
    }

    /** The sort value, null when missing. */
    Double value(ListSort sort) {
        double v = switch (sort) {
            case RISK -> risk;
            case LAST_SEEN -> lastSeen;
            case UNUSED_SHARE -> unusedShare;
            case ID -> Double.NaN;
        };
        return Double.isNaN(v) ? null : v;
    }

    /** The entry's place in a sort's order. */
    Position position(ListSort sort) {
        return new Position(value(sort), id);
    }

    private static double value(Double v) {
        return v == null ? Double.NaN : v;
    }

    @SuppressWarnings("unchecked")
    private static <T> T share(Map<Object, Object> shared, T value) {
        return value == null ? null : (T) shared.computeIfAbsent(value, v -> v);
    }
}
