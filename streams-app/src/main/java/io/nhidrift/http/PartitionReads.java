package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * What the credential list and the rank index read of one local partition ({@link CredentialStateReader} in the
 * service): a range of credential states in key order, and single credentials by key. Each may throw
 * {@link CredentialStateReader.NotQueryable}.
 */
interface PartitionReads {

    /** The credential states from {@code from} (inclusive; null = the first key), or in reverse down from it. */
    KeyValueIterator<String, CredentialState> range(int partition, String from, boolean reverse);

    /** One credential's state and entitlement, by key. */
    CredentialStateReader.Snapshot read(String credentialId, int partition);

    /** One credential's entitlement, by key, or null. */
    Entitlement entitlement(int partition, String credentialId);
}
