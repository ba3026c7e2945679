package io.nhidrift.detect;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.SessionOrigin;
import io.nhidrift.avro.UsageEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

/** The one place where an event changes a credential's usage state. */
public final class UsageRecorder {

    /** The Avro schema of {@code recentEventHashes} (an array of longs), for the primitive list a new state starts with. */
    private static final Schema RECENT_HASHES = CredentialState.getClassSchema().getField("recentEventHashes").schema();

    private final DetectionConfig config;

    public UsageRecorder(DetectionConfig config) {
        this.config = config;
    }

    public static CredentialState newState(String credentialId) {
        return CredentialState.newBuilder()
                .setCredentialId(credentialId)
                .setActions(new HashMap<>())
                .setNetworks(new HashMap<>())
                .setAgents(new HashMap<>())
                .setDeniedTimes(new ArrayList<>())
                .setRecentEventHashes(new PrimitivesArrays.LongArray(0, RECENT_HASHES))
                .setActiveConditions(new HashMap<>())
                .setGrantsSince(new HashMap<>())
                .setSessions(new HashMap<>())
                .setSources(new HashMap<>())
                .build();
    }

    /**
     * True when this event id was seen recently for the credential (a redelivery); remembers it otherwise. A state
     * made here or decoded by Avro keeps the hashes as primitive longs ({@link PrimitivesArrays.LongArray}), compared
     * without boxing; any other list (a state built elsewhere) is read through its {@code List<Long>} view, same answer.
     */
    public boolean isRedelivery(CredentialState s, String eventId) {
        if (config.recentEventIds() == 0) {
            return false;
        }
        List<Long> hashes = s.getRecentEventHashes();
        long h = hash(eventId);
        if (hashes instanceof PrimitivesArrays.LongArray longs) {
            for (int i = 0; i < longs.size(); i++) {
                if (longs.getLong(i) == h) {
                    return true;
                }
            }
            longs.add(longs.size(), h);
        } else {
            for (int i = 0; i < hashes.size(); i++) {
                if (hashes.get(i) == h) {
                    return true;
                }
            }
            hashes.add(h);
        }
        if (hashes.size() > config.recentEventIds()) {
            hashes.remove(0);
        }
        return false;
    }

    /** 64-bit FNV-1a of the event id: cheap to keep and compare; a collision only risks treating an event as a redelivery. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * Remembers where a session credential was first used (not for provider-internal calls); keeps the
     * {@code maxSessionsPerCredential} most recent sessions, forgetting {@link SessionKeys#oldest} first (its
     * detector reports that session's condition ended in the same step).
     */
    public void rememberSession(CredentialState s, UsageEvent e) {
        String session = SessionKeys.sessionId(e);
        if (session == null || s.getSessions().containsKey(session) || SessionKeys.providerInternal(e)) {
            return;
        }
        Map<String, SessionOrigin> sessions = s.getSessions();
        while (!sessions.isEmpty() && sessions.size() >= config.maxSessionsPerCredential()) {
            sessions.remove(SessionKeys.oldest(sessions));
        }
        sessions.put(session, new SessionOrigin(config.sameNetworks().key(e.getSourceIp()), e.getSourceIp(),
                e.getUserAgent(), e.getEventTime()));
    }

    /**
     * Seeds the last use from an inventory version's {@code lastUsedAt} (the provider's own record, e.g.
     * IAM RoleLastUsed), so idle detection is right from the first day. It only says when, not which
     * action: no grant, action, {@code firstSeen} or {@code useCount} changes. Time never moves
     * backwards: a use already seen later wins, a lastUsedAt after the version's time {@code at} counts
     * as {@code at}, and one before the credential's createdAt is ignored as inconsistent.
     */
    public void seedLastUse(CredentialState s, Entitlement ent, long at) {
        Long reported = ent.getLastUsedAt();
        if (reported == null || (ent.getCreatedAt() != null && reported < ent.getCreatedAt())) {
            return;
        }
        long t = Math.min(reported, at);
        if (s.getLastSeen() == null || t > s.getLastSeen()) {
            s.setLastSeen(t);
        }
    }

    /** Applies the event with the scope verdict the engine computed (or reused) for its action. */
    public void apply(CredentialState s, UsageEvent e, ScopeVerdict verdict, CallerFacets.Facets facets) {
        long t = e.getEventTime();
        if (s.getFirstActivity() == null || t < s.getFirstActivity()) {
            s.setFirstActivity(t);
        }
        Map<String, Long> sources = s.getSources();
        Long latest = sources.get(e.getSource());
        if (latest == null || t > latest) {
            sources.put(e.getSource(), t);
        }
        rememberFacet(s.getNetworks(), facets.network(), t);
        rememberFacet(s.getAgents(), facets.agentFamily(), t);
        if (e.getDenied()) {
            s.setDeniedCount(s.getDeniedCount() + 1);
            insertSorted(s.getDeniedTimes(), t, config.burstCount());
            return;
        }
        s.setUseCount(s.getUseCount() + 1);
        if (s.getFirstSeen() == null || t < s.getFirstSeen()) {
            s.setFirstSeen(t);
        }
        if (s.getLastSeen() == null || t > s.getLastSeen()) {
            s.setLastSeen(t);
        }
        Map<String, ActionUsage> actions = s.getActions();
        ActionUsage a = actions.get(e.getAction());
        if (a == null) {
            if (actions.size() >= config.maxActionsPerCredential()) {
                s.setActionsOverflow(s.getActionsOverflow() + 1);
                return;
            }
            actions.put(e.getAction(), new ActionUsage(1L, t, t, verdict.inScope(), verdict.scopeVersion(),
                    new ArrayList<>(verdict.matchedGrants())));
            return;
        }
        a.setCount(a.getCount() + 1);
        a.setFirstSeen(Math.min(a.getFirstSeen(), t));
        a.setLastSeen(Math.max(a.getLastSeen(), t));
        if (a.getScopeVersion() != verdict.scopeVersion()) {
            a.setInScope(verdict.inScope());
            a.setScopeVersion(verdict.scopeVersion());
            a.setMatchedGrants(new ArrayList<>(verdict.matchedGrants()));
        }
    }

    /** Keeps the earliest time a facet was seen; writes only when that changes (usually it does not). */
    private static void rememberFacet(Map<String, Long> seen, String facet, long t) {
        if (facet != null) {
            Long first = seen.get(facet);
            if (first == null || t < first) {
                seen.put(facet, t);
            }
        }
    }

    /** Keeps the latest {@code keep} times, ascending. */
    private static void insertSorted(List<Long> times, long t, int keep) {
        int i = times.size();
        while (i > 0 && times.get(i - 1) > t) {
            i--;
        }
        times.add(i, t);
        while (times.size() > keep) {
            times.remove(0);
        }
    }
}
