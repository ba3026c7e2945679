package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/summary}: the fleet summary an access review starts from ({@link FleetSummary}), over every
 * instance's credentials (scatter-gather as the list; each instance folds its own partitions).
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
                        + " did not answer.",
                List.of(), this::summary));
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
            ClusterGather.Gathered<FleetSummary> g = gather.gather(ctx, local::summary, FleetSummary::fromJson);
            FleetSummary all = new FleetSummary();
            g.parts().forEach(all::merge);
            ObjectNode n = all.toJson();
            n.put("partial", g.partial());
            ObjectNode failures = n.putObject("failures");
            g.failures().forEach(failures::put);
            n.put("instances", g.instances());
            ApiErrors.json(ctx, 200, n);
        } catch (CredentialStateReader.NotQueryable e) {
            KeyedLookup.unavailable(ctx, e.getMessage(), null);
        }
    }
}
