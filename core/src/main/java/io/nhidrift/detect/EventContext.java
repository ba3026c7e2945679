package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CompiledEntitlement;

/**
 * One normalized event with what the detectors may read about its credential. {@code state} is as
 * it was before this event; {@code entitlement} is null for a credential absent from the inventory;
 * {@code inScope} is null when unknown or when the call was denied; {@code matchedGrants} are the
 * grant patterns the action matched.
 */
public record EventContext(
        UsageEvent event,
        CredentialState state,
        Entitlement entitlement,
        CompiledEntitlement compiled,
        Boolean inScope,
        java.util.List<String> matchedGrants,
        CallerFacets.Facets facets,
        DetectionConfig config) {

    public long time() {
        return event.getEventTime();
    }

    public boolean known() {
        return entitlement != null;
    }

    public boolean denied() {
        return event.getDenied();
    }

    /** A successful call by an inventoried credential. */
    public boolean knownUse() {
        return entitlement != null && !event.getDenied();
    }
}
