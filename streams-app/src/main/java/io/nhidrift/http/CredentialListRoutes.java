package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.review.CredentialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/credentials}: the credentials of the whole cluster, filtered, sorted and paged
 * ({@link ListQuery}); {@code ?id=} looks one credential up as {@code /credentials/{id}} does.
 *
 * <p>Scatter-gather ({@link ClusterGather}): every instance owning partitions of the credential stores answers
 * its own page ({@link LocalCredentials}: each partition read from the cursor), and the pages are merged
 * ({@link Page#merge}) so the answer is the same whichever instance is asked. The cursor ({@code next}) is the
 * position of the last row returned, in the requested order; each source reads only after it.
 */
final class CredentialListRoutes implements RouteTable.Group {

    private static final List<String> PARAMS = with("id", ListQuery.PARAMS);

    private final KeyedLookup lookup;
    private final CredentialRoutes one;
    private final LocalCredentials local;
    private final ClusterGather gather;
    private final QueryState state;

    /** Whether the stores can be read now, with the reason when not. */
    interface QueryState {
        String notQueryableReason();
    }

    CredentialListRoutes(KeyedLookup lookup, CredentialRoutes one, LocalCredentials local, ClusterGather gather, QueryState state) {
        this.lookup = lookup;
        this.one = one;
        this.local = local;
        this.gather = gather;
        this.state = state;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get(RequestParams.CREDENTIALS, Role.READ, "credentials", "Credentials of the whole cluster",
                "Every instance's credentials (scatter-gather over Kafka Streams metadata), filtered, sorted and paged with an"
                        + " opaque cursor: pass 'next' back as cursor. 'partial': true with 'failures' when an instance did"
                        + " not answer. ?id= answers one credential as /api/v1/credentials/{id}.",
                List.of(ApiRoute.Param.query("id", "One credential (as /api/v1/credentials/{id})."),
                        ApiRoute.Param.query("kind", "Credential kind.", CredentialKind.ids().toArray(String[]::new)),
                        ApiRoute.Param.query("owner", "Owner, exactly as in the inventory."),
                        ApiRoute.Param.query("team", "Team, exactly as in the inventory."),
                        ApiRoute.Param.query("status", "Status.", CredentialStatus.ids().toArray(String[]::new)),
                        ApiRoute.Param.query("hasOpenAlerts", "Whether an alert condition still holds.", "true", "false"),
                        ApiRoute.Param.query("source", "Input format the credential was seen in (e.g. cloudtrail)."),
                        ApiRoute.Param.query("sort", "Order (default id).", ListSort.ids().toArray(String[]::new)),
                        ApiRoute.Param.query("order", "Direction (default desc, asc for id).", "asc", "desc"),
                        ApiRoute.Param.query("limit", "Page size, 1..1000 (default 100)."),
                        ApiRoute.Param.query("cursor", "The 'next' of the previous page."),
                        ApiRoute.Param.query("after", "Earlier paging: the credentials after this id, in id order.")),
                this::list));
    }

    private void list(Context ctx) {
        Map<String, String> params = RequestParams.query(ctx, PARAMS);
        if (params.get("id") != null) {
            lookup.answer(ctx, params.get("id"), one::view);
            return;
        }
        ListQuery q = ListQuery.from(params);
        String reason = state.notQueryableReason();
        if (reason != null) {
            KeyedLookup.unavailable(ctx, reason, null);
            return;
        }
        try {
            if (ClusterGather.fromPeer(ctx)) {
                ApiErrors.json(ctx, 200, pageJson(local.page(q), q, "instance"));
                return;
            }
            ClusterGather.Gathered<Page> g = gather.gather(ctx, () -> local.page(q), body -> parsePage(body, q));
            ObjectNode n = pageJson(Page.merge(g.parts(), q.limit(), q.sort(), q.order()), q, "cluster");
            n.put("partial", g.partial());
            ObjectNode failures = n.putObject("failures");
            g.failures().forEach(failures::put);
            n.put("instances", g.instances());
            ApiErrors.json(ctx, 200, n);
        } catch (CredentialStateReader.NotQueryable e) {
            KeyedLookup.unavailable(ctx, e.getMessage(), null);
        }
    }

    private static ObjectNode pageJson(Page page, ListQuery q, String scope) {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("scope", scope);
        ArrayNode rows = n.putArray("credentials");
        page.rows().forEach(r -> rows.add(r.toJson()));
        n.put("next", page.coveredTo() == null ? null : q.encode(page.coveredTo()));
        return n;
    }

    private static Page parsePage(JsonNode body, ListQuery q) {
        List<CredentialRow> rows = new ArrayList<>();
        body.path("credentials").forEach(r -> rows.add(CredentialRow.fromJson(r)));
        Position covered = null;
        if (body.path("next").isTextual()) {
            covered = q.decode(body.path("next").asText());
        }
        return new Page(rows, covered);
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return List.copyOf(out);
    }
}
