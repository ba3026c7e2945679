package io.nhidrift.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.risk.RiskAssessment;
import io.nhidrift.risk.RiskFactor;
import io.nhidrift.risk.RiskScore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON answer of {@code GET /api/v1/credentials/{id}}: granted entitlement beside actual use.
 * Times are ISO-8601 UTC strings (null when unknown); maps and action lists are sorted by key so
 * the same state always renders the same document.
 */
public final class CredentialView {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CredentialView() {}

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
        n.set("activeConditions", timeMap(s == null ? Map.of() : s.getActiveConditions()));
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
