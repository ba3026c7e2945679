package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;

/**
 * A new inventory version of a credential; {@code previous} is null for the first one, and
 * {@code compiled} is the new version's patterns.
 */
public record InventoryContext(
        Entitlement previous,
        Entitlement current,
        CompiledEntitlement compiled,
        CredentialState state,
        long time,
        DetectionConfig config) {}
