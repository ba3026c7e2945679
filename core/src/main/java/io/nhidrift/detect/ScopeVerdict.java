package io.nhidrift.detect;

import java.util.List;

/**
 * Whether an action is in a credential's scope, under which entitlement version, and which grant
 * patterns it matched. Computed once per (credential, action, version) and kept in the state.
 */
public record ScopeVerdict(Boolean inScope, long scopeVersion, List<String> matchedGrants) {
    public static final ScopeVerdict UNKNOWN = new ScopeVerdict(null, 0, List.of());
}
