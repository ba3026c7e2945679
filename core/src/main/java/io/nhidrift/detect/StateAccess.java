package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.List;
import java.util.function.Function;

/** The engine's view of its stores (state stores in a task; maps in unit tests). */
public interface StateAccess {

    CredentialState state(String credentialId);

    void putState(CredentialState state);

    Entitlement entitlement(String credentialId);

    void putEntitlement(Entitlement entitlement);

    /**
     * The compiled form of {@code ent}, an entitlement this access returned, made by {@code compile} when not known.
     * An access that keeps entitlements as objects keeps the compiled form with them ({@link KeptEntitlement}), so
     * an event of a cached credential costs no lookup by pattern set; by default it is {@code compile}'s answer.
     */
    default CompiledEntitlement compiled(Entitlement ent, Function<Entitlement, CompiledEntitlement> compile) {
        return compile.apply(ent);
    }

    void putDue(long due, byte kind, String credentialId);

    void deleteDue(long due, byte kind, String credentialId);

    /** Up to {@code max} index entries with due time at or before {@code threshold}, earliest first. */
    List<DueEntry> dueUpTo(long threshold, int max);

    /** The earliest due time in the index, or null when it is empty. */
    Long earliestDue();

    record DueEntry(long due, byte kind, String credentialId) {}
}
