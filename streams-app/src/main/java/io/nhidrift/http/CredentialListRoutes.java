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
 * ({@link Page#merge}) so the answer is the same whichever instance is asked: each partition's part comes from its
 * owner (in a sorted order, from the owner's rank index, {@link RankIndex}). The cursor ({@code next}) is the
 * position of the last row returned, in the requested order; each source reads only after it.
 */
final class CredentialListRoutes implements RouteTable.Group {

    private static final List<String> PARAMS = with("id", ListQuery.PARAMS);
    static final String RANKED_VALUE = "rankedValue";
    private static final Map<String, String> ANSWER = ordered(
            "scope", "cluster (an instance asked by a peer answers its own part: instance)",
            "credentials", "The rows: credentialId, kind, owner, team, status, lastSeen, riskScore, unusedShare, grantCount,"
                    + " usedGrantCount, openAlerts, sources; in a sorted order also rankedValue, the value the row was ranked by"
                    + " as of rankedAt (its own fields are read fresh and may have moved since)",
            "next", "The cursor of the next page, null on the last",
            "rankedAt", "ISO time the oldest rank index used was built (sorted orders); null in id order (read live)",
            "partial", "true when an instance did not answer: its credentials are missing",
            "failures", "instance host:port to why it did not answer",
            "instances", "Instances owning partitions of the credential stores, this one included");

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
                        + " not answer. Sorted by risk, lastSeen or unusedShare, the order is each partition's rank index"
                        + " (rebuilt every query.rank.refresh, 30 s): 'rankedAt' is when the oldest index used was built"
                        + " (null in id order, read live) and each row's 'rankedValue' the value it was ranked by; the rows"
                        + " are read fresh. ?id= answers one credential as /api/v1/credentials/{id}.",
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
                this::list).answering(ANSWER));
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
            ApiErrors.json(ctx, 200, clusterJson(gather.gather(ctx, () -> local.page(q), body -> parsePage(body, q)), q));
        } catch (CredentialStateReader.NotQueryable e) {
            KeyedLookup.unavailable(ctx, e.getMessage(), null);
        }
    }

    /** The cluster's answer: the parts merged, and whether every instance answered. */
    static ObjectNode clusterJson(ClusterGather.Gathered<Page> g, ListQuery q) {
        ObjectNode n = pageJson(Page.merge(g.parts(), q.limit(), q.order()), q, "cluster");
        ClusterGather.describe(n, g);
        return n;
    }

    /**
     * The answer's JSON: in a sorted (not id) order each row carries {@code rankedValue}, the value it was ranked by
     * (as of {@code rankedAt}, the oldest rank index used; null in id order, which reads the stores directly).
     */
    static ObjectNode pageJson(Page page, ListQuery q, String scope) {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("scope", scope);
        ArrayNode rows = n.putArray("credentials");
        for (Page.Listed r : page.rows()) {
            ObjectNode row = r.row().toJson();
            if (q.sort() != ListSort.ID) {
                q.sort().putValue(row, RANKED_VALUE, r.position().value());
            }
            rows.add(row);
        }
        n.put("next", page.coveredTo() == null ? null : q.encode(page.coveredTo()));
        n.put("rankedAt", CredentialView.iso(page.rankedAt()));
        return n;
    }

    /** A peer's answer read back, rows with the positions they were ranked at. */
    static Page parsePage(JsonNode body, ListQuery q) {
        List<Page.Listed> rows = new ArrayList<>();
        for (JsonNode r : body.path("credentials")) {
            CredentialRow row = CredentialRow.fromJson(r);
            Position at = q.sort() == ListSort.ID ? q.sort().position(row)
                    : new Position(q.sort().readValue(r.path(RANKED_VALUE)), row.credentialId());
            rows.add(new Page.Listed(row, at));
        }
        Position covered = null;
        if (body.path("next").isTextual()) {
            covered = q.decode(body.path("next").asText());
        }
        Long rankedAt = body.path("rankedAt").isTextual() ? java.time.Instant.parse(body.path("rankedAt").asText()).toEpochMilli() : null;
        return new Page(rows, covered, rankedAt);
    }

    /** Pairs of name and meaning, in order. */
    static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return List.copyOf(out);
    }
}
