package io.nhidrift.detect.detectors;

import io.nhidrift.avro.SessionOrigin;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Decisions;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.EventDetector;
import io.nhidrift.detect.Finding;
import io.nhidrift.detect.SessionKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session credential issued to one workload (an AWS role session key, a Kubernetes bound token) used from a
 * caller network other than the one of its first use: how stolen instance-metadata credentials and exfiltrated
 * pod tokens look. Once per session; for inventoried and unknown machine identities (the engine offers only
 * those). The origin is recorded by {@code UsageRecorder}; provider-internal calls are neither origin nor move.
 */
public final class SessionCredentialMovedDetector implements EventDetector {

    @Override
    public AlertType type() {
        return AlertType.SESSION_CREDENTIAL_MOVED;
    }

    @Override
    public String description() {
        return "A session credential (AWS AssumedRole ASIA key, Kubernetes bound token) is used from a caller network other than the one of its first use; once per session.";
    }

    @Override
    public String remediation() {
        return "Treat the session as stolen: revoke the role's active sessions (or delete the pod's token), find where the new network is, and check what it called.";
    }

    @Override
    public void onEvent(EventContext ctx, Decisions out) {
        String session = SessionKeys.sessionId(ctx.event());
        if (session == null || SessionKeys.providerInternal(ctx.event())) {
            return;
        }
        Map<String, SessionOrigin> sessions = ctx.state().getSessions();
        SessionOrigin origin = sessions.get(session);
        if (origin == null) {
            // the recorder remembers this new session and forgets the oldest beyond the bound: so does its condition
            if (sessions.size() >= ctx.config().maxSessionsPerCredential()) {
                out.ended(SessionKeys.oldest(sessions));
            }
            return;
        }
        String network = ctx.config().sameNetworks().key(ctx.event().getSourceIp());
        if (!origin.getNetwork().equals(network)) {
            out.holds(session, () -> finding(ctx, session, origin, network));
        }
    }

    private Finding finding(EventContext ctx, String session, SessionOrigin origin, String network) {
        String summary = "Session " + session + " of " + ctx.event().getCredentialId() + " was first used from "
                + origin.getNetwork() + " and is now used from " + network + " (" + ctx.event().getAction() + ")"
                + Findings.who(ctx) + ": the session credential may have been stolen.";
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("network", origin.getNetwork());
        first.put("sourceIp", origin.getSourceIp());
        first.put("userAgent", origin.getAgent());
        first.put("time", Findings.iso(origin.getFirstSeen()));
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("network", network);
        now.put("sourceIp", ctx.event().getSourceIp());
        now.put("userAgent", ctx.event().getUserAgent());
        return Findings.onEvent(ctx, type(), "session:" + session, summary,
                Findings.evidence("session", session, "firstUse", first, "movedTo", now));
    }
}
