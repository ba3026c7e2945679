package io.nhidrift.detect.detectors;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.EventContext;
import io.nhidrift.detect.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers the detectors share for building findings. */
final class Findings {
    private Findings() {}

    /** A finding whose evidence is the event itself, anchored on its event id. */
    static Finding onEvent(EventContext ctx, AlertType type, Object subject, String summary) {
        return new Finding(type, subject, ctx.time(), summary, Map.of(), ctx.event().getEventId());
    }

    static Finding onEvent(EventContext ctx, AlertType type, Object subject, String summary,
            Map<String, Object> evidence) {
        return new Finding(type, subject, ctx.time(), summary, evidence, ctx.event().getEventId());
    }

    static Map<String, Object> evidence(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static String days(long millis) {
        long d = Duration.ofMillis(millis).toDays();
        return d == 1 ? "1 day" : d + " days";
    }

    static String who(EventContext ctx) {
        String ip = ctx.event().getSourceIp();
        String ua = ctx.facets().agentFamily();
        StringBuilder b = new StringBuilder();
        if (ip != null) {
            b.append(" from ").append(ip);
        }
        if (ua != null) {
            b.append(" via ").append(ua);
        }
        return b.toString();
    }
}
