package io.nhidrift.replay;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.util.List;

/**
 * A cheap, deliberately generous estimate of the heap an object held by replay's state caches retains, from its
 * collection sizes and string lengths (no serialization, no walk over a state's entries): what bounds the caches by
 * bytes instead of by count. A
 * credential that used 2,000 distinct actions holds a hundred times the heap of one that used twenty, so a cache of
 * a fixed number of states is either tiny or unbounded.
 */
final class HeapWeight {

    /** Object header and fields of a record, with its slot in the cache's map. */
    private static final long RECORD = 160;
    /** One map entry beside its key and value: the node and its share of the table. */
    private static final long MAP_ENTRY = 56;
    /** A boxed long (or a slot of a long array, rounded up). */
    private static final long BOXED_LONG = 24;
    /** A string beside its characters. */
    private static final long STRING = 48;

    private HeapWeight() {}

    /**
     * One action of a state: its key, its {@code ActionUsage} and its matched grants. Measured (class histogram of a
     * 10 M-event replay, 908,789 actions): 210 bytes each on average (map node 32, key 24 + 40, ActionUsage 56, grants
     * list 24 + 26, table slot); 300 leaves room for longer names and lists.
     */
    static final long ACTION = 300;
    /** One entry of a string-to-long map of a state (networks, agents, conditions, grants, sources). */
    static final long LONG_ENTRY = 160;

    /** The estimate of a state, from its collection sizes only: O(1), so it can run on every write. */
    static long of(CredentialState s) {
        long w = RECORD + string(s.getCredentialId()) + string(s.getIdentityClass());
        w += (long) s.getActions().size() * ACTION;
        w += (long) (s.getNetworks().size() + s.getAgents().size() + s.getActiveConditions().size()
                + s.getGrantsSince().size() + s.getSources().size()) * LONG_ENTRY;
        w += (long) (s.getDeniedTimes().size() + s.getRecentEventHashes().size()) * BOXED_LONG;
        w += (long) s.getSessions().size() * (MAP_ENTRY + 3 * RECORD);
        return w;
    }

    static long of(Entitlement e) {
        return RECORD + string(e.getCredentialId()) + string(e.getKind()) + string(e.getOwner()) + string(e.getPurpose())
                + strings(e.getGrants()) + strings(e.getDenies()) + string(e.getTeam()) + string(e.getContact());
    }

    private static long strings(List<String> list) {
        long w = RECORD;
        if (list != null) {
            for (String s : list) {
                w += 8 + string(s);
            }
        }
        return w;
    }

    private static long string(CharSequence s) {
        return s == null ? 0 : STRING + 2L * s.length();
    }
}
