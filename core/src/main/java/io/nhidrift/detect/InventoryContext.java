package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;

/** A new inventory version of a credential; {@code previous} is null for the first one. */
public record InventoryContext(
        Entitlement previous,
        Entitlement current,
        CredentialState state,
        long time,
        DetectionConfig config,
        Conditions conditions) {}
