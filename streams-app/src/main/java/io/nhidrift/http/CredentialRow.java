package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.review.CredentialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One row of {@code GET /api/v1/credentials}. {@code openAlerts} counts the alert conditions that fired and still
 * hold (the state's armed conditions); {@code sources} the input formats the credential was seen in.
 */
record CredentialRow(String credentialId, String kind, String owner, String team, CredentialStatus status, Long lastSeen,
        Integer riskScore, Double unusedShare, int grantCount, int usedGrantCount, int openAlerts, List<String> sources) {

    static CredentialRow of(Reviewed r) {
        CredentialState s = r.snapshot().state();
        Entitlement e = r.snapshot().entitlement();
        return new CredentialRow(r.snapshot().credentialId(), e == null ? null : e.getKind(), e == null ? null : e.getOwner(),
                r.team(), r.status(), s == null ? null : s.getLastSeen(), r.risk().score(), r.usage().unusedShare(),
                r.usage().grantCount(), r.usage().usedGrantCount(), s == null ? 0 : s.getActiveConditions().size(),
                s == null ? List.of() : List.copyOf(new TreeSet<>(s.getSources().keySet())));
    }

    boolean neverUsed() {
        return lastSeen == null;
    }

    ObjectNode toJson() {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("credentialId", credentialId);
        n.put("kind", kind);
        n.put("owner", owner);
        n.put("team", team);
        n.put("status", status.id());
        n.put("lastSeen", CredentialView.iso(lastSeen));
        n.put("riskScore", riskScore);
        n.put("unusedShare", unusedShare);
        n.put("grantCount", grantCount);
        n.put("usedGrantCount", usedGrantCount);
        n.put("openAlerts", openAlerts);
        ArrayNode src = n.putArray("sources");
        sources.forEach(src::add);
        return n;
    }

    /** A row as a peer instance answered it. */
    static CredentialRow fromJson(JsonNode n) {
        List<String> sources = new ArrayList<>();
        n.path("sources").forEach(s -> sources.add(s.asText()));
        return new CredentialRow(n.path("credentialId").asText(), text(n, "kind"), text(n, "owner"), text(n, "team"),
                CredentialStatus.of(n.path("status").asText()),
                n.path("lastSeen").isTextual() ? Instant.parse(n.path("lastSeen").asText()).toEpochMilli() : null,
                n.path("riskScore").isNumber() ? n.path("riskScore").asInt() : null,
                n.path("unusedShare").isNumber() ? n.path("unusedShare").asDouble() : null,
                n.path("grantCount").asInt(), n.path("usedGrantCount").asInt(), n.path("openAlerts").asInt(), List.copyOf(sources));
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText() : null;
    }
}
