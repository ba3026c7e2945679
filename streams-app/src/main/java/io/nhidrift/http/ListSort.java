package io.nhidrift.http;

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

    /** The row's place in this order. */
    Position position(CredentialRow r) {
        return new Position(value.apply(r), r.credentialId());
    }

    static ListSort of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(ListSort::id).toList();
    }
}
