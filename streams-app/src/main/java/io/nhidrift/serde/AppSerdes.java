package io.nhidrift.serde;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import org.apache.kafka.common.serialization.Serde;

/** The serdes of the topology's stores and topics, created once per topology. */
public record AppSerdes(
        AvroSerde<UsageEvent> usageEvent,
        AvroSerde<Entitlement> entitlement,
        AvroSerde<CredentialState> credentialState,
        Serde<Alert> alertAvro) {

    /** Serdes for a run; the Avro alert serde talks to the registry at {@code registryUrl}, or keeps ids in memory when null. */
    public static AppSerdes create(String registryUrl) {
        return new AppSerdes(
                new AvroSerde<>(UsageEvent.class, UsageEvent.getClassSchema()),
                new AvroSerde<>(Entitlement.class, Entitlement.getClassSchema()),
                new AvroSerde<>(CredentialState.class, CredentialState.getClassSchema()),
                ConfluentWireAvroSerde.forAlerts(registryUrl));
    }
}
