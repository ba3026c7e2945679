package io.nhidrift.triage;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of {@code nhi.triage} that a decision about a credential goes to: the one the producer's default
 * partitioner gives the credential id as a String key, i.e. the partition of {@code nhi.events} (and of the state
 * stores) that owns the credential, when both topics have the same partition count ({@code run} checks that).
 * The record key itself names the decision ({@link TriageDecision#topicKey()}), so compaction keeps one record
 * per suppression and per triaged alert, not one per credential.
 */
public final class TriagePartitioner {
    private TriagePartitioner() {}

    public static int partition(String credentialId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(credentialId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
