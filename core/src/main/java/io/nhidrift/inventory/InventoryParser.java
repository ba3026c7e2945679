package io.nhidrift.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import io.nhidrift.json.RecordException;
import io.nhidrift.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Reads one inventory record (CONTRACT section 3, one JSON object) into an {@link Entitlement}. */
public final class InventoryParser {

    private InventoryParser() {}

    public static Entitlement parse(byte[] raw) throws RecordException {
        JsonNode n = Json.parse(raw);
        if (!n.isObject()) {
            throw new RecordException("inventory record is not a JSON object");
        }
        String id = Fields.text(n, "credentialId", false);
        if (id == null || id.isBlank()) {
            throw new RecordException("inventory record without 'credentialId'");
        }
        String kind = Fields.text(n, "kind", false);
        if (kind == null) {
            throw new RecordException("inventory record '" + id + "' without 'kind'");
        }
        if (!CredentialKind.known(kind)) {
            throw new RecordException("inventory record '" + id + "' has unknown kind '" + kind + "'; expected one of "
                    + CredentialKind.ids());
        }
        if (!n.has("grants") || !n.get("grants").isArray()) {
            throw new RecordException("inventory record '" + id + "' without a 'grants' array");
        }
        return Entitlement.newBuilder()
                .setCredentialId(id)
                .setKind(kind)
                .setOwner(Fields.text(n, "owner", false))
                .setPurpose(Fields.text(n, "purpose", false))
                .setGrants(patterns(n, "grants", id))
                .setDenies(n.hasNonNull("denies") ? patterns(n, "denies", id) : List.of())
                .setCreatedAt(time(n, "createdAt", id))
                .setExpiresAt(time(n, "expiresAt", id))
                .setRotationDays(rotationDays(n, id))
                .setAsOf(time(n, "asOf", id))
                .setRevokedAt(time(n, "revokedAt", id))
                .setLastUsedAt(time(n, "lastUsedAt", id))
                .setTeam(Fields.text(n, "team", false))
                .setContact(Fields.text(n, "contact", false))
                .build();
    }

    private static List<String> patterns(JsonNode n, String field, String id) throws RecordException {
        JsonNode arr = n.get(field);
        if (!arr.isArray()) {
            throw new RecordException("inventory record '" + id + "': '" + field + "' is not an array");
        }
        List<String> out = new ArrayList<>(arr.size());
        for (JsonNode p : arr) {
            if (!p.isTextual() || p.asText().isBlank()) {
                throw new RecordException("inventory record '" + id + "': '" + field + "' holds a non-string or empty pattern");
            }
            out.add(p.asText().trim());
        }
        return out;
    }

    private static Long time(JsonNode n, String field, String id) throws RecordException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        Long t = Times.isoMillis(v.asText());
        if (t == null) {
            throw new RecordException("inventory record '" + id + "': '" + field + "' is not an ISO-8601 instant: " + v.asText());
        }
        return t;
    }

    private static Integer rotationDays(JsonNode n, String id) throws RecordException {
        JsonNode v = n.get("rotationDays");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || v.asInt() <= 0) {
            throw new RecordException("inventory record '" + id + "': 'rotationDays' must be a positive whole number");
        }
        return v.asInt();
    }
}
