package io.nhidrift.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of credential (CONTRACT section 3, {@code kind}), the one list: inventory records are validated against
 * it, importers write it and adapters label events with it. {@link #id()} is the name on the wire.
 */
public enum CredentialKind {
    AWS_ACCESS_KEY,
    AWS_ROLE,
    GCP_SERVICE_ACCOUNT,
    K8S_SERVICE_ACCOUNT,
    API_KEY,
    OAUTH_CLIENT,
    AZURE_SERVICE_PRINCIPAL,
    GITHUB_TOKEN,
    OTHER;

    private static final Map<String, CredentialKind> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CredentialKind::id, Function.identity()));
    /** Every id, sorted (as error messages list them). */
    private static final List<String> IDS = BY_ID.keySet().stream().sorted().toList();

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The contract's name, e.g. {@code aws_access_key}. */
    public String id() {
        return id;
    }

    /** The kind with this contract name, or null when there is none. */
    public static CredentialKind of(String id) {
        return id == null ? null : BY_ID.get(id);
    }

    /** True when {@code id} names a kind. */
    public static boolean known(String id) {
        return of(id) != null;
    }

    /** Every contract name, sorted. */
    public static List<String> ids() {
        return IDS;
    }
}
