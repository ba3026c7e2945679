package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.review.CredentialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an access review starts from, folded over credentials and mergeable across instances: counts by kind
 * ({@code unknown} for credentials outside the inventory) and by status, idle (status idle or dormant), never used,
 * unowned (no owner in the inventory, or not inventoried at all), the share of grant patterns never used over the
 * whole fleet, and the {@value #TOP} riskiest credentials. {@code rankedAt}: when the oldest part was computed (each
 * partition's part comes from its rank index, {@link PartitionRanks}); null for a summary of no partition.
 */
final class FleetSummary {

    static final int TOP = 10;
    private static final String NOT_INVENTORIED = "unknown";
    private static final Comparator<TopRisk> RISKIEST = Comparator.comparingInt(TopRisk::riskScore).reversed()
            .thenComparing(TopRisk::credentialId);

    /** One entry of {@code topRisk}. */
    record TopRisk(String credentialId, String kind, String owner, int riskScore) {}

    private long credentials;
    private final Map<String, Long> byKind = new TreeMap<>();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private long idle;
    private long neverUsed;
    private long unowned;
    private long grants;
    private long unusedGrants;
    private final List<TopRisk> topRisk = new ArrayList<>();
    private Long rankedAt;

    FleetSummary() {
        CredentialStatus.ids().forEach(s -> byStatus.put(s, 0L));
    }

    void add(CredentialRow r) {
        credentials++;
        byKind.merge(r.kind() == null ? NOT_INVENTORIED : r.kind(), 1L, Long::sum);
        byStatus.merge(r.status().id(), 1L, Long::sum);
        if (r.status() == CredentialStatus.IDLE || r.status() == CredentialStatus.DORMANT) {
            idle++;
        }
        if (r.neverUsed()) {
            neverUsed++;
        }
        if (r.owner() == null || r.owner().isBlank()) {
            unowned++;
        }
        grants += r.grantCount();
        unusedGrants += r.grantCount() - r.usedGrantCount();
        if (r.riskScore() != null) {
            offer(new TopRisk(r.credentialId(), r.kind(), r.owner(), r.riskScore()));
        }
    }

    /** Marks the summary as computed at {@code epochMs}. */
    void rankedAt(long epochMs) {
        rankedAt = epochMs;
    }

    Long rankedAt() {
        return rankedAt;
    }

    void merge(FleetSummary other) {
        rankedAt = Page.oldest(rankedAt, other.rankedAt);
        credentials += other.credentials;
        other.byKind.forEach((k, v) -> byKind.merge(k, v, Long::sum));
        other.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
        idle += other.idle;
        neverUsed += other.neverUsed;
        unowned += other.unowned;
        grants += other.grants;
        unusedGrants += other.unusedGrants;
        other.topRisk.forEach(this::offer);
    }

    private void offer(TopRisk t) {
        topRisk.add(t);
        topRisk.sort(RISKIEST);
        if (topRisk.size() > TOP) {
            topRisk.remove(topRisk.size() - 1);
        }
    }

    ObjectNode toJson() {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("credentials", credentials);
        ObjectNode kinds = n.putObject("byKind");
        byKind.forEach(kinds::put);
        ObjectNode statuses = n.putObject("byStatus");
        byStatus.forEach(statuses::put);
        n.put("idle", idle);
        n.put("neverUsed", neverUsed);
        n.put("unowned", unowned);
        n.put("grants", grants);
        n.put("unusedGrants", unusedGrants);
        if (grants == 0) {
            n.putNull("unusedGrantShare");
        } else {
            n.put("unusedGrantShare", unusedGrants / (double) grants);
        }
        ArrayNode top = n.putArray("topRisk");
        topRisk.forEach(t -> top.addObject().put("credentialId", t.credentialId()).put("kind", t.kind())
                .put("owner", t.owner()).put("riskScore", t.riskScore()));
        n.put("rankedAt", CredentialView.iso(rankedAt));
        return n;
    }

    /** A summary as a peer instance answered it. */
    static FleetSummary fromJson(JsonNode n) {
        FleetSummary s = new FleetSummary();
        s.credentials = n.path("credentials").asLong();
        n.path("byKind").fields().forEachRemaining(e -> s.byKind.put(e.getKey(), e.getValue().asLong()));
        n.path("byStatus").fields().forEachRemaining(e -> s.byStatus.put(e.getKey(), e.getValue().asLong()));
        s.idle = n.path("idle").asLong();
        s.neverUsed = n.path("neverUsed").asLong();
        s.unowned = n.path("unowned").asLong();
        s.grants = n.path("grants").asLong();
        s.unusedGrants = n.path("unusedGrants").asLong();
        s.rankedAt = n.path("rankedAt").isTextual() ? java.time.Instant.parse(n.path("rankedAt").asText()).toEpochMilli() : null;
        n.path("topRisk").forEach(t -> s.offer(new TopRisk(t.path("credentialId").asText(),
                t.path("kind").isTextual() ? t.path("kind").asText() : null,
                t.path("owner").isTextual() ? t.path("owner").asText() : null, t.path("riskScore").asInt())));
        return s;
    }
}
