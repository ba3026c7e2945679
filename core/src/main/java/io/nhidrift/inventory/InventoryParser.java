package io.nhidrift.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Json;
import io.nhidrift.avro.Entitlement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one inventory record (CONTRACT section 3, one JSON object) into an {@link Entitlement}. */
public final class InventoryParser {

    public static final Set<String> KINDS = Set.of("aws_access_key", "aws_role", "gcp_service_account",
            "k8s_service_account", "api_key", "oauth_client", "azure_service_principal", "github_token", "other");

    private InventoryParser() {}

    public static Entitlement parse(byte[] raw) throws AdapterException {
        JsonNode n = Json.parse(raw);
        if (!n.isObject()) {
            throw new AdapterException("inventory record is not a JSON object");
        }
        String id = Json.text(n, "credentialId");
        if (id == null || id.isBlank()) {
            throw new AdapterException("inventory record without 'credentialId'");
        }
        String kind = Json.text(n, "kind");
        if (kind == null) {
            throw new AdapterException("inventory record '" + id + "' without 'kind'");
        }
        if (!KINDS.contains(kind)) {
            throw new AdapterException("inventory record '" + id + "' has unknown kind '" + kind + "'; expected one of "
                    + new java.util.TreeSet<>(KINDS));
        }
        if (!n.has("grants") || !n.get("grants").isArray()) {
            throw new AdapterException("inventory record '" + id + "' without a 'grants' array");
        }
        return Entitlement.newBuilder()
                .setCredentialId(id)
                .setKind(kind)
                .setOwner(Json.text(n, "owner"))
                .setPurpose(Json.text(n, "purpose"))
                .setGrants(patterns(n, "grants", id))
                .setDenies(n.hasNonNull("denies") ? patterns(n, "denies", id) : List.of())
                .setCreatedAt(time(n, "createdAt", id))
                .setExpiresAt(time(n, "expiresAt", id))
                .setRotationDays(rotationDays(n, id))
                .setAsOf(time(n, "asOf", id))
                .setRevokedAt(time(n, "revokedAt", id))
                .build();
    }

    private static List<String> patterns(JsonNode n, String field, String id) throws AdapterException {
        JsonNode arr = n.get(field);
        if (!arr.isArray()) {
            throw new AdapterException("inventory record '" + id + "': '" + field + "' is not an array");
        }
        List<String> out = new ArrayList<>(arr.size());
        for (JsonNode p : arr) {
            if (!p.isTextual() || p.asText().isBlank()) {
                throw new AdapterException("inventory record '" + id + "': '" + field + "' holds a non-string or empty pattern");
            }
            out.add(p.asText().trim());
        }
        return out;
    }

    private static Long time(JsonNode n, String field, String id) throws AdapterException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        Long t = Json.isoMillis(v.asText());
        if (t == null) {
            throw new AdapterException("inventory record '" + id + "': '" + field + "' is not an ISO-8601 instant: " + v.asText());
        }
        return t;
    }

    private static Integer rotationDays(JsonNode n, String id) throws AdapterException {
        JsonNode v = n.get("rotationDays");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || v.asInt() <= 0) {
            throw new AdapterException("inventory record '" + id + "': 'rotationDays' must be a positive whole number");
        }
        return v.asInt();
    }
}
