package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.review.CredentialStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of {@code GET /api/v1/credentials}: filters (each must hold), sort and order, page size, and the
 * cursor. The cursor is opaque to callers: base64url of {@code {"s": sort, "o": order, "f": filters hash, "v": value,
 * "id": id}}, the position of the previous page's last row; it is refused with a 400 under another sort, order or
 * filter set. {@code after=<id>} (the earlier paging parameter) is a cursor at that id in id order.
 */
record ListQuery(String kind, String owner, String team, CredentialStatus status, Boolean hasOpenAlerts, String source,
        ListSort sort, boolean descending, int limit, Position after) {

    static final List<String> PARAMS = List.of("kind", "owner", "team", "status", "hasOpenAlerts", "source", "sort", "order",
            "limit", "cursor", "after");

    static ListQuery from(Map<String, String> p) {
        String kind = nonEmpty(p.get("kind"));
        if (kind != null && !CredentialKind.known(kind)) {
            throw new BadRequestResponse("invalid kind '" + RequestParams.clip(kind) + "': expected one of "
                    + String.join(", ", CredentialKind.ids()));
        }
        String statusText = nonEmpty(p.get("status"));
        CredentialStatus status = statusText == null ? null : CredentialStatus.of(statusText);
        if (statusText != null && status == null) {
            throw new BadRequestResponse("invalid status '" + RequestParams.clip(statusText) + "': expected one of "
                    + String.join(", ", CredentialStatus.ids()));
        }
        String alerts = nonEmpty(p.get("hasOpenAlerts"));
        if (alerts != null && !alerts.equals("true") && !alerts.equals("false")) {
            throw new BadRequestResponse("invalid hasOpenAlerts '" + RequestParams.clip(alerts) + "': expected true or false");
        }
        String sortText = nonEmpty(p.get("sort"));
        ListSort sort = sortText == null ? ListSort.ID : ListSort.of(sortText);
        if (sort == null) {
            throw new BadRequestResponse("invalid sort '" + RequestParams.clip(sortText) + "': expected one of "
                    + String.join(", ", ListSort.ids()));
        }
        String order = nonEmpty(p.get("order"));
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new BadRequestResponse("invalid order '" + RequestParams.clip(order) + "': expected asc or desc");
        }
        boolean descending = order == null ? sort.descendingByDefault() : order.equals("desc");
        ListQuery q = new ListQuery(kind, nonEmpty(p.get("owner")), nonEmpty(p.get("team")), status,
                alerts == null ? null : Boolean.valueOf(alerts), nonEmpty(p.get("source")), sort, descending,
                RequestParams.limit(p.get("limit")), null);
        String cursor = nonEmpty(p.get("cursor"));
        String after = nonEmpty(p.get("after"));
        if (cursor != null && after != null) {
            throw new BadRequestResponse("give cursor or after, not both");
        }
        if (after != null) {
            if (sort != ListSort.ID || descending) {
                throw new BadRequestResponse("after=<id> pages in id order only; use cursor with sort=" + sort.id());
            }
            return q.withAfter(new Position(null, after));
        }
        return cursor == null ? q : q.withAfter(q.decode(cursor));
    }

    ListQuery withAfter(Position p) {
        return new ListQuery(kind, owner, team, status, hasOpenAlerts, source, sort, descending, limit, p);
    }

    /** Id order follows the direction; other sorts break ties by id ascending. */
    Comparator<Position> order() {
        if (sort == ListSort.ID) {
            Comparator<Position> byId = Comparator.comparing(Position::id);
            return descending ? byId.reversed() : byId;
        }
        return Position.order(descending);
    }

    /** Whether the row passes every filter. */
    boolean matches(CredentialRow r) {
        return matches(r.kind(), r.owner(), r.team(), r.status(), r.openAlerts() > 0, r.sources());
    }

    /** Whether a rank index entry passed every filter when the index was built. */
    boolean matches(RankEntry e) {
        return matches(e.kind(), e.owner(), e.team(), e.status(), e.openAlerts(), e.sources());
    }

    private boolean matches(String rKind, String rOwner, String rTeam, CredentialStatus rStatus, boolean rOpenAlerts,
            List<String> rSources) {
        return (kind == null || kind.equals(rKind))
                && (owner == null || owner.equals(rOwner))
                && (team == null || team.equals(rTeam))
                && (status == null || status == rStatus)
                && (hasOpenAlerts == null || hasOpenAlerts == rOpenAlerts)
                && (source == null || rSources.contains(source));
    }

    /** Whether the row comes after the cursor. */
    boolean afterCursor(CredentialRow r) {
        return after == null || order().compare(sort.position(r), after) > 0;
    }

    String encode(Position p) {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("s", sort.id());
        n.put("o", descending ? "desc" : "asc");
        n.put("f", filtersHash());
        n.put("v", p.value());
        n.put("id", p.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    Position decode(String cursor) {
        JsonNode n;
        try {
            n = CredentialView.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (Exception e) {
            throw new BadRequestResponse("invalid cursor: pass the 'next' value of the previous page unchanged");
        }
        if (n == null || !n.path("id").isTextual()) {
            throw new BadRequestResponse("invalid cursor: pass the 'next' value of the previous page unchanged");
        }
        if (!sort.id().equals(n.path("s").asText()) || !(descending ? "desc" : "asc").equals(n.path("o").asText())
                || filtersHash() != n.path("f").asInt()) {
            throw new BadRequestResponse("cursor belongs to another sort, order or filter set; start again without cursor");
        }
        return new Position(n.path("v").isNumber() ? n.path("v").asDouble() : null, n.path("id").asText());
    }

    private int filtersHash() {
        return Objects.hash(kind, owner, team, status == null ? null : status.id(), hasOpenAlerts, source); // stable across JVMs
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
