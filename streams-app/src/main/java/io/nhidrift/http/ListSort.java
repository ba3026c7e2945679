package io.nhidrift.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The orders of the credential list: by id (the stores' key order, the default), or by risk score, last use or
 * unused-grant share, ties broken by id ascending. A missing value (not scored, never used, no grants) sorts
 * lowest: last in the default descending order.
 */
enum ListSort {
    ID("id", false, r -> null),
    RISK("risk", true, r -> r.riskScore() == null ? null : r.riskScore().doubleValue()),
    LAST_SEEN("lastSeen", true, r -> r.lastSeen() == null ? null : r.lastSeen().doubleValue()),
    UNUSED_SHARE("unusedShare", true, CredentialRow::unusedShare);

    /** The sorts with a value, the ones the rank index keeps positions for. */
    static final List<ListSort> RANKED = List.of(RISK, LAST_SEEN, UNUSED_SHARE);

    private final String id;
    private final boolean descendingByDefault;
    private final Function<CredentialRow, Double> value;

    ListSort(String id, boolean descendingByDefault, Function<CredentialRow, Double> value) {
        this.id = id;
        this.descendingByDefault = descendingByDefault;
        this.value = value;
    }

    String id() {
        return id;
    }

    boolean descendingByDefault() {
        return descendingByDefault;
    }

    /** The row's sort value, null when missing (and always in id order). */
    Double value(CredentialRow r) {
        return value.apply(r);
    }

    /** The row's place in this order. */
    Position position(CredentialRow r) {
        return new Position(value.apply(r), r.credentialId());
    }

    /** Writes a sort value as the API shows it: risk as an integer, last use as ISO time, unused share as a number. */
    void putValue(ObjectNode n, String field, Double v) {
        if (v == null) {
            n.putNull(field);
        } else if (this == RISK) {
            n.put(field, v.intValue());
        } else if (this == LAST_SEEN) {
            n.put(field, CredentialView.iso(v.longValue()));
        } else {
            n.put(field, v);
        }
    }

    /** Reads back what {@link #putValue} wrote. */
    Double readValue(JsonNode n) {
        if (this == LAST_SEEN) {
            return n.isTextual() ? Double.valueOf(Instant.parse(n.asText()).toEpochMilli()) : null;
        }
        return n.isNumber() ? n.asDouble() : null;
    }

    static ListSort of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(ListSort::id).toList();
    }
}
