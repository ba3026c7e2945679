package io.nhidrift.detect;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The engine's stores as maps, for unit tests: states, entitlements and the time index. */
public final class InMemoryStateAccess implements StateAccess {

    private static final Comparator<DueEntry> BY_DUE = Comparator.comparingLong(DueEntry::due)
            .thenComparing(DueEntry::kind).thenComparing(DueEntry::credentialId);

    private final Map<String, CredentialState> states = new HashMap<>();
    private final Map<String, Entitlement> entitlements = new HashMap<>();
    private final TreeSet<DueEntry> index = new TreeSet<>(BY_DUE);

    @Override
    public CredentialState state(String credentialId) {
        return states.get(credentialId);
    }

    @Override
    public void putState(CredentialState state) {
        states.put(state.getCredentialId(), state);
    }

    @Override
    public Entitlement entitlement(String credentialId) {
        return entitlements.get(credentialId);
    }

    @Override
    public void putEntitlement(Entitlement entitlement) {
        entitlements.put(entitlement.getCredentialId(), entitlement);
    }

    @Override
    public void putDue(long due, byte kind, String credentialId) {
        index.add(new DueEntry(due, kind, credentialId));
    }

    @Override
    public void deleteDue(long due, byte kind, String credentialId) {
        index.remove(new DueEntry(due, kind, credentialId));
    }

    @Override
    public List<DueEntry> dueUpTo(long threshold, int max) {
        List<DueEntry> out = new ArrayList<>();
        for (DueEntry e : index) {
            if (e.due() > threshold || out.size() == max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public Long earliestDue() {
        return index.isEmpty() ? null : index.first().due();
    }

    /** The time index, earliest first. */
    public List<DueEntry> index() {
        return List.copyOf(index);
    }
}
