package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;

/** A time-based check that came due at {@code due} (event time) for one credential. */
public record DueContext(
        CredentialState state,
        Entitlement entitlement,
        CompiledEntitlement compiled,
        long due,
        DetectionConfig config) {}
