package io.nhidrift.importer;

import java.util.List;
import java.util.Map;

/**
 * Which tag/label keys name a credential's owner. {@link #ownership} reads a principal's tags (AWS {@code Tags},
 * Kubernetes labels then annotations): owner = the value of the first key of {@link #keys()} that is present with a
 * non-blank value; team = {@code team}/{@code Team}; contact = {@code contact}/{@code Contact}. Keys are
 * case-sensitive, as the clouds store them.
 */
public record OwnerKeys(List<String> keys) {

    /** The keys used when none are configured. */
    public static final List<String> DEFAULT_KEYS = List.of("owner", "Owner", "team", "Team",
            "app.kubernetes.io/managed-by");

    public static final OwnerKeys DEFAULT = new OwnerKeys(DEFAULT_KEYS);

    private static final List<String> TEAM_KEYS = List.of("team", "Team");
    private static final List<String> CONTACT_KEYS = List.of("contact", "Contact");

    public OwnerKeys {
        keys = keys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("owner keys must name at least one key");
        }
    }

    /** Owner, team and contact from one principal's tags (an empty map gives all null). */
    public Ownership ownership(Map<String, String> tags) {
        return new Ownership(first(tags, keys), first(tags, TEAM_KEYS), first(tags, CONTACT_KEYS));
    }

    private static String first(Map<String, String> tags, List<String> keys) {
        for (String k : keys) {
            String v = tags.get(k);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** Who owns a credential, as far as its tags say; any part may be null. */
    public record Ownership(String owner, String team, String contact) {
        public static final Ownership NONE = new Ownership(null, null, null);
    }
}
