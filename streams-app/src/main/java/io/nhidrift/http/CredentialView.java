package io.nhidrift.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.recommend.Recommendation;
import io.nhidrift.recommend.RecommendationJson;
import io.nhidrift.review.ActionUse;
import io.nhidrift.review.PatternUse;
import io.nhidrift.risk.RiskAssessment;
import io.nhidrift.risk.RiskFactor;
import io.nhidrift.risk.RiskScore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON answer of {@code GET /api/v1/credentials/{id}}: granted entitlement beside actual use, status, risk,
 * use per grant pattern and the least-privilege recommendation.
 * Times are ISO-8601 UTC strings (null when unknown); maps and action lists are sorted by key so
 * the same state always renders the same document.
 */
public final class CredentialView {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CredentialView() {}

    /** The view of a reviewed credential: the stores' state, plus status, team, risk, granted versus used, recommendation. */
    static ObjectNode render(Reviewed reviewed, Recommendation recommendation) {
        ObjectNode n = render(reviewed.snapshot(), reviewed.now());
        n.put("status", reviewed.status().id());
        ArrayNode grants = n.putArray("grants");
        for (PatternUse g : reviewed.usage().grants()) {
            ObjectNode row = grants.addObject();
            row.put("pattern", g.pattern());
            row.put("neverUsed", g.neverUsed());
            row.put("count", g.count());
            time(row, "lastUsed", g.lastUsed());
            uses(row.putArray("actions"), g.actions());
        }
        uses(n.putArray("usedOutsideGrants"), reviewed.usage().usedOutsideGrants());
        ObjectNode rec = RecommendationJson.node(recommendation);
        rec.remove("credentialId");
        n.set("recommendation", rec);
        return n;
    }

    /** The stores' state of one credential, as it is kept. */
    public static ObjectNode render(CredentialStateReader.Snapshot snapshot) {
        return render(snapshot, System.currentTimeMillis());
    }

    /** The view with the risk assessed at {@code nowMs} (the wall clock when served). */
    public static ObjectNode render(CredentialStateReader.Snapshot snapshot, long nowMs) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("credentialId", snapshot.credentialId());
        Entitlement e = snapshot.entitlement();
        n.put("known", e != null);
        if (e == null) {
            n.putNull("inventory");
        } else {
            n.set("inventory", inventory(e));
        }
        CredentialState s = snapshot.state();
        time(n, "firstSeen", s == null ? null : s.getFirstSeen());
        time(n, "lastSeen", s == null ? null : s.getLastSeen());
        time(n, "knownSince", s == null ? null : s.getKnownSince());
        // CONTRACT 2a: inventoried credentials are machine; unknown principals as their events showed them
        n.put("identityClass", e != null ? "machine" : s == null ? null : s.getIdentityClass());
        n.put("sessionsTracked", s == null ? 0 : s.getSessions().size());
        n.put("useCount", s == null ? 0 : s.getUseCount());
        n.put("deniedCount", s == null ? 0 : s.getDeniedCount());
        ArrayNode actions = n.putArray("actionsUsed");
        ArrayNode outOfScope = n.putArray("outOfScopeActions");
        if (s != null) {
            for (Map.Entry<String, ActionUsage> a : new TreeMap<>(s.getActions()).entrySet()) {
                ActionUsage u = a.getValue();
                ObjectNode row = actions.addObject();
                row.put("action", a.getKey());
                row.put("count", u.getCount());
                time(row, "firstSeen", u.getFirstSeen());
                time(row, "lastSeen", u.getLastSeen());
                if (u.getInScope() == null) {
                    row.putNull("inScope");
                } else {
                    row.put("inScope", u.getInScope());
                }
                if (Boolean.FALSE.equals(u.getInScope())) {
                    outOfScope.add(a.getKey());
                }
            }
            n.put("actionsOverflow", s.getActionsOverflow());
        } else {
            n.put("actionsOverflow", 0);
        }
        ObjectNode callers = n.putObject("callers");
        callers.set("networks", timeMap(s == null ? Map.of() : s.getNetworks()));
        callers.set("agents", timeMap(s == null ? Map.of() : s.getAgents()));
        n.set("activeConditions", conditions(s == null ? Map.of() : s.getActiveConditions()));
        ArrayNode sources = n.putArray("sources");
        if (s != null) {
            new TreeMap<>(s.getSources()).keySet().forEach(sources::add);
        }
        time(n, "idleDue", s == null ? null : s.getIdleDue());
        time(n, "unusedDue", s == null ? null : s.getUnusedDue());
        n.put("team", e == null ? null : e.getTeam());
        n.set("risk", risk(RiskScore.assess(s, e, nowMs)));
        return n;
    }

    /** {@code {"score":0..100,"factors":[{"name","points","detail"}]}}, factors largest first. */
    static ObjectNode risk(RiskAssessment r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("score", r.score());
        ArrayNode factors = n.putArray("factors");
        for (RiskFactor f : r.factors()) {
            factors.addObject().put("name", f.name()).put("points", f.points()).put("detail", f.detail());
        }
        return n;
    }

    static ObjectNode inventory(Entitlement e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", e.getKind());
        n.put("owner", e.getOwner());
        n.put("team", e.getTeam());
        n.put("contact", e.getContact());
        n.put("purpose", e.getPurpose());
        strings(n.putArray("grants"), e.getGrants());
        strings(n.putArray("denies"), e.getDenies());
        time(n, "createdAt", e.getCreatedAt());
        time(n, "expiresAt", e.getExpiresAt());
        if (e.getRotationDays() == null) {
            n.putNull("rotationDays");
        } else {
            n.put("rotationDays", e.getRotationDays());
        }
        time(n, "asOf", e.getAsOf());
        time(n, "revokedAt", e.getRevokedAt());
        time(n, "lastUsedAt", e.getLastUsedAt());
        return n;
    }

    /** Epoch milliseconds as ISO-8601 UTC ({@code 2026-07-01T00:00:00Z}), null as null. */
    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * The alert conditions that fired and still hold, readable: the stored key {@code TYPE|condition} becomes
     * {@code {"type", "subject", "at", "since"}}; a condition named by a date (an expiry, a revocation, the start of an
     * idle spell) is shown as {@code at} in ISO-8601, any other as {@code subject} (a grant pattern, an action, a
     * network); {@code since} is when the alert fired. Sorted by type, then condition.
     */
    static ArrayNode conditions(Map<String, Long> active) {
        ArrayNode out = MAPPER.createArrayNode();
        new TreeMap<>(active).forEach((key, firedAt) -> {
            int bar = key.indexOf('|');
            String type = bar < 0 ? key : key.substring(0, bar);
            String condition = bar < 0 ? null : key.substring(bar + 1);
            ObjectNode c = out.addObject();
            c.put("type", type);
            Long date = epochMillis(condition);
            c.put("subject", date == null ? condition : null);
            c.put("at", iso(date));
            c.put("since", iso(firedAt));
        });
        return out;
    }

    /** The epoch milliseconds a condition names, or null when it is not a date. */
    private static Long epochMillis(String condition) {
        if (condition == null || condition.isEmpty() || condition.length() > 15) {
            return null;
        }
        for (int i = 0; i < condition.length(); i++) {
            if (!Character.isDigit(condition.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(condition);
    }

    private static void uses(ArrayNode a, List<ActionUse> uses) {
        uses.forEach(u -> a.addObject().put("action", u.action()).put("count", u.count()).put("lastUsed", iso(u.lastUsed())));
    }

    private static void time(ObjectNode n, String field, Long epochMillis) {
        n.put(field, iso(epochMillis));
    }

    private static ObjectNode timeMap(Map<String, Long> m) {
        ObjectNode n = MAPPER.createObjectNode();
        new TreeMap<>(m).forEach((k, v) -> n.put(k, iso(v)));
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        if (values != null) {
            values.forEach(a::add);
        }
    }
}
