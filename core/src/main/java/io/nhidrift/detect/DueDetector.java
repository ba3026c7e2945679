package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;

/**
 * A time-based detection: the engine keeps one entry per credential in a time-ordered index and
 * calls {@link #onDue} when event time (or, live, the wall clock) passes it, so a check costs in
 * proportion to the credentials that are due, never a scan of all of them.
 */
public interface DueDetector extends Detector {

    /** One byte that tells this detector's entries apart in the time index. */
    byte indexKind();

    /** The due time this detector wants after the credential's state or entitlement changed; null = none. */
    Long nextDue(CredentialState state, Entitlement entitlement, Long currentDue, DetectionConfig config);

    /**
     * Evaluates the condition at {@code ctx.due()}, reporting to {@code out}; returns when to look
     * again (null = not until something changes).
     */
    Long onDue(DueContext ctx, Decisions out);

    /** Reads this detector's scheduled due time from the state. */
    Long scheduled(CredentialState state);

    /** Stores this detector's scheduled due time in the state. */
    void setScheduled(CredentialState state, Long due);
}
