package io.nhidrift.detect;

import io.nhidrift.avro.UsageEvent;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code SESSION_CREDENTIAL_MOVED} needs from an event: the session credential it used, and whether the
 * call was the provider acting internally (then it is neither a session's origin nor a move).
 */
public final class SessionKeys {

    /** The K8s audit {@code user.extra} key of a bound service-account token's id. */
    public static final String K8S_CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

    private SessionKeys() {}

    /**
     * The session id: an AWS {@code AssumedRole} session key ({@code ASIA…}), or a Kubernetes bound token's
     * credential id; null when the event used no session credential.
     */
    public static String sessionId(UsageEvent e) {
        Map<String, String> a = e.getAttributes();
        switch (e.getSource()) {
            case "cloudtrail" -> {
                String key = a.get("accessKeyId");
                return key != null && key.startsWith("ASIA") && "AssumedRole".equals(a.get("userIdentityType")) ? key : null;
            }
            case "k8s-audit" -> {
                return a.get(K8S_CREDENTIAL_ID);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Provider-internal: a service token instead of an address ({@code AWS Internal}, {@code *.amazonaws.com})
     * as caller or agent, or an AWS call through a VPC endpoint of the account itself ({@code vpcEndpointId}
     * with {@code vpcEndpointAccountId} absent or equal to {@code recipientAccountId}). A call without any
     * caller address has no network either.
     */
    public static boolean providerInternal(UsageEvent e) {
        String ip = e.getSourceIp();
        if (ip == null || ip.isBlank() || SameNetworks.literal(ip.trim()) == null) {
            return true;
        }
        String ua = e.getUserAgent();
        if (ua != null) {
            String u = ua.trim().toLowerCase(Locale.ROOT);
            if (u.equals("aws internal") || u.endsWith(".amazonaws.com")) {
                return true;
            }
        }
        Map<String, String> a = e.getAttributes();
        String vpce = a.get("vpcEndpointId");
        if (vpce != null) {
            String owner = a.get("vpcEndpointAccountId");
            return owner == null || owner.equals(a.get("recipientAccountId"));
        }
        return false;
    }

    /** The session to forget first when the bound is reached: the earliest first use (then the smallest id). */
    public static String oldest(Map<String, io.nhidrift.avro.SessionOrigin> sessions) {
        String oldest = null;
        long oldestTime = Long.MAX_VALUE;
        for (Map.Entry<String, io.nhidrift.avro.SessionOrigin> o : sessions.entrySet()) {
            long t = o.getValue().getFirstSeen();
            if (t < oldestTime || (t == oldestTime && o.getKey().compareTo(oldest) < 0)) {
                oldestTime = t;
                oldest = o.getKey();
            }
        }
        return oldest;
    }
}
