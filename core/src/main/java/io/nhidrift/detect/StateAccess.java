package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.util.List;

/** The engine's view of its stores (state stores in a task; maps in unit tests). */
public interface StateAccess {

    CredentialState state(String credentialId);

    void putState(CredentialState state);

    Entitlement entitlement(String credentialId);

    void putEntitlement(Entitlement entitlement);

    void putDue(long due, byte kind, String credentialId);

    void deleteDue(long due, byte kind, String credentialId);

    /** Up to {@code max} index entries with due time at or before {@code threshold}, earliest first. */
    List<DueEntry> dueUpTo(long threshold, int max);

    /** The earliest due time in the index, or null when it is empty. */
    Long earliestDue();

    record DueEntry(long due, byte kind, String credentialId) {}
}
