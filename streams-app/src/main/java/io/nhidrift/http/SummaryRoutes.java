package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/summary}: the fleet summary an access review starts from ({@link FleetSummary}), over every
 * instance's credentials (scatter-gather as the list; each instance merges its partitions' parts, kept with their
 * rank indexes: {@link LocalCredentials#summary}, no store read once an index is built).
 */
final class SummaryRoutes implements RouteTable.Group {

    private final LocalCredentials local;
    private final ClusterGather gather;
    private final CredentialListRoutes.QueryState state;

    SummaryRoutes(LocalCredentials local, ClusterGather gather, CredentialListRoutes.QueryState state) {
        this.local = local;
        this.gather = gather;
        this.state = state;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/summary", Role.READ, "credentials", "Fleet summary",
                "Counts by kind and status, idle (idle or dormant), never used, unowned, unused-grant share and the"
                        + " riskiest credentials, over the whole cluster; 'partial': true with 'failures' when an instance"
                        + " did not answer. Each partition's part is kept with its rank index (rebuilt every"
                        + " query.rank.refresh, 30 s): 'rankedAt' is when the oldest part was computed.",
                List.of(), this::summary).answering(CredentialListRoutes.ordered(
                        "credentials", "Credentials counted",
                        "byKind", "Counts by kind (unknown = not inventoried)",
                        "byStatus", "Counts by status",
                        "idle", "Credentials idle or dormant",
                        "neverUsed", "Credentials never used",
                        "unowned", "Credentials without owner, or not inventoried",
                        "grants", "Grant patterns over the fleet",
                        "unusedGrants", "Grant patterns never used",
                        "unusedGrantShare", "unusedGrants / grants, null without grants",
                        "topRisk", "The 10 riskiest credentials: credentialId, kind, owner, riskScore",
                        "rankedAt", "ISO time the oldest partition part was computed (each partition's part is kept with its"
                                + " rank index, rebuilt every query.rank.refresh)",
                        "partial", "true when an instance did not answer: its credentials are not counted",
                        "failures", "instance host:port to why it did not answer",
                        "instances", "Instances owning partitions of the credential stores, this one included")));
    }

    /** The cluster's answer: the parts merged, and whether every instance answered. */
    static ObjectNode clusterJson(ClusterGather.Gathered<FleetSummary> g) {
        FleetSummary all = new FleetSummary();
        g.parts().forEach(all::merge);
        ObjectNode n = all.toJson();
        ClusterGather.describe(n, g);
        return n;
    }

    private void summary(Context ctx) {
        RequestParams.query(ctx, List.of());
        String reason = state.notQueryableReason();
        if (reason != null) {
            KeyedLookup.unavailable(ctx, reason, null);
            return;
        }
        try {
            if (ClusterGather.fromPeer(ctx)) {
                ApiErrors.json(ctx, 200, local.summary().toJson());
                return;
            }
            ApiErrors.json(ctx, 200, clusterJson(gather.gather(ctx, local::summary, FleetSummary::fromJson)));
        } catch (CredentialStateReader.NotQueryable e) {
            KeyedLookup.unavailable(ctx, e.getMessage(), null);
        }
    }
}
