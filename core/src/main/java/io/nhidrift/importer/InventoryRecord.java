package io.nhidrift.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Json;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One inventory (granted entitlement) record, CONTRACT section 3; {@code kind} is a {@link CredentialKind#id()}.
 * {@link #toJson()} writes exactly the contract's field names, in the contract's order, on one line, followed by the
 * optional {@code team}, {@code contact} and {@code lastUsedAt} when known (absent otherwise). {@code grants}
 * and {@code denies} are sorted and de-duplicated by the canonical constructor.
 */
public record InventoryRecord(
        String credentialId,
        String kind,
        String owner,
        String purpose,
        List<String> grants,
        List<String> denies,
        Instant createdAt,
        Instant expiresAt,
        Integer rotationDays,
        Instant asOf,
        Instant revokedAt,
        String team,
        String contact,
        Instant lastUsedAt) {

    public InventoryRecord {
        if (credentialId == null || credentialId.isEmpty()) {
            throw new IllegalArgumentException("credentialId is required");
        }
        if (!CredentialKind.known(kind)) {
            throw new IllegalArgumentException("unknown kind: " + kind);
        }
        grants = sortedUnique(grants);
        denies = sortedUnique(denies);
    }

    /** The common case of the importers: no expiry, rotation policy or revocation known. */
    public InventoryRecord(String credentialId, CredentialKind kind, String owner, String purpose,
                           Collection<String> grants, Collection<String> denies, Instant createdAt, Instant asOf) {
        this(credentialId, kind.id(), owner, purpose, sortedUnique(grants), sortedUnique(denies), createdAt, null, null,
                asOf, null, null, null, null);
    }

    public InventoryRecord withAsOf(Instant newAsOf) {
        return new InventoryRecord(credentialId, kind, owner, purpose, grants, denies, createdAt, expiresAt,
                rotationDays, newAsOf, revokedAt, team, contact, lastUsedAt);
    }

    /** Same record with owner, team and contact from tags (owner kept when the tags name none). */
    public InventoryRecord withOwnership(OwnerKeys.Ownership o) {
        return new InventoryRecord(credentialId, kind, o.owner() != null ? o.owner() : owner, purpose, grants, denies,
                createdAt, expiresAt, rotationDays, asOf, revokedAt, o.team(), o.contact(), lastUsedAt);
    }

    /** Same record with the provider's last-used date (when, not which action). */
    public InventoryRecord withLastUsedAt(Instant newLastUsedAt) {
        return new InventoryRecord(credentialId, kind, owner, purpose, grants, denies, createdAt, expiresAt,
                rotationDays, asOf, revokedAt, team, contact, newLastUsedAt);
    }

    static List<String> sortedUnique(Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        TreeSet<String> set = new TreeSet<>();
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                set.add(v);
            }
        }
        return List.copyOf(set);
    }

    /** One line of JSON (no trailing newline) with the field names of CONTRACT section 3. */
    public String toJson() {
        ObjectNode o = Json.DOCUMENTS.createObjectNode();
        o.put("credentialId", credentialId);
        o.put("kind", kind);
        o.put("owner", owner);
        o.put("purpose", purpose);
        ArrayNode g = o.putArray("grants");
        grants.forEach(g::add);
        ArrayNode d = o.putArray("denies");
        denies.forEach(d::add);
        o.put("createdAt", createdAt == null ? null : createdAt.toString());
        o.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        if (rotationDays == null) {
            o.putNull("rotationDays");
        } else {
            o.put("rotationDays", rotationDays.intValue());
        }
        o.put("asOf", asOf == null ? null : asOf.toString());
        o.put("revokedAt", revokedAt == null ? null : revokedAt.toString());
        // Optional additions (CONTRACT section 3 allows absent fields): written only when known.
        if (team != null) {
            o.put("team", team);
        }
        if (contact != null) {
            o.put("contact", contact);
        }
        if (lastUsedAt != null) {
            o.put("lastUsedAt", lastUsedAt.toString());
        }
        try {
            return Json.DOCUMENTS.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
