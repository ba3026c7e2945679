package io.nhidrift.http;

import io.nhidrift.topology.Names;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Part one of an interactive query: which instance holds a credential's state. The state and
 * inventory stores belong to the same task (both keyed by credentialId, co-partitioned), so the
 * metadata of the state store answers for both.
 */
public final class CredentialLocator {

    /** Where a key lives right now. */
    public sealed interface Location permits Local, Remote, NotAvailable {}

    /** On this instance, in the given partition of the stores. */
    public record Local(int partition) implements Location {}

    /** On another instance; forward the query there. */
    public record Remote(HostInfo host, int partition) implements Location {}

    /** Nobody can answer now (starting, rebalancing, migrating): try again shortly. */
    public record NotAvailable(String reason) implements Location {}

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param self this instance's {@code application.server}, the host other instances' metadata
     *     names when the key is ours
     */
    public CredentialLocator(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Location locate(String credentialId) {
        KafkaStreams.State state = streams.state();
        if (!isQueryable(state)) {
            return new NotAvailable("Kafka Streams is " + state);
        }
        KeyQueryMetadata md;
        try {
            md = streams.queryMetadataForKey(Names.CREDENTIAL_STATE_STORE, credentialId, Serdes.String().serializer());
        } catch (IllegalStateException e) { // not started yet / already closed
            return new NotAvailable("stream metadata unavailable: " + e.getMessage());
        }
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md) || md.activeHost() == null) {
            return new NotAvailable("no instance owns the key right now (rebalancing)");
        }
        HostInfo owner = md.activeHost();
        return owner.equals(self) ? new Local(md.partition()) : new Remote(owner, md.partition());
    }

    public HostInfo self() {
        return self;
    }

    /** Stores can be read in RUNNING and (for tasks not moving) REBALANCING. */
    public static boolean isQueryable(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }
}
