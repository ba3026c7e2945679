package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * The alert's evidence (already redacted by the adapters) as the one OCSF {@code evidences} artifact: the
 * normalized event's action as {@code api.operation}, its caller as {@code src_endpoint}, its user agent as
 * {@code http_request.user_agent}, its principal as {@code actor.user}, its resource; and the whole evidence
 * object, unchanged, as {@code data}. Fields are read defensively: an absent or non-text field is left out.
 */
final class Evidences {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private Evidences() {}

    static ArrayNode of(JsonNode evidence, String credentialId, JsonNodeFactory f) {
        ObjectNode artifact = f.objectNode();
        JsonNode event = evidence == null ? null : evidence.get("event");
        if (event != null && event.isObject()) {
            artifact.put("name", "normalized event");
            putText(artifact, "uid", event.get("eventId"));
            String action = text(event.get("action"));
            if (action != null) {
                artifact.putObject("api").put("operation", action);
            }
            ObjectNode endpoint = endpoint(text(event.get("sourceIp")), f);
            if (endpoint != null) {
                artifact.set("src_endpoint", endpoint);
            }
            String agent = text(event.get("userAgent"));
            if (agent != null) {
                artifact.putObject("http_request").put("user_agent", agent);
            }
            ObjectNode user = artifact.putObject("actor").putObject("user");
            String principal = text(event.get("principal"));
            user.put("uid", principal != null ? principal : credentialId);
            user.putArray("programmatic_credentials").addObject().put("uid", credentialId);
            String resource = text(event.get("resource"));
            if (resource != null) {
                ObjectNode r = artifact.putArray("resources").addObject();
                r.put("uid", resource);
                r.put("role_id", 1);
                r.put("role", "Target");
            }
        } else {
            artifact.put("name", "credential state");
        }
        artifact.set("data", evidence == null || evidence.isMissingNode() ? f.objectNode() : evidence);
        ArrayNode out = f.arrayNode();
        out.add(artifact);
        return out;
    }

    /** A caller as an endpoint: an IP literal as {@code ip}, a DNS name as {@code hostname}, any other token as {@code name}. */
    static ObjectNode endpoint(String caller, JsonNodeFactory f) {
        if (caller == null) {
            return null;
        }
        ObjectNode e = f.objectNode();
        if (isIpLiteral(caller)) {
            e.put("ip", caller);
        } else if (HOSTNAME.matcher(caller).matches()) {
            e.put("hostname", caller);
        } else {
            e.put("name", caller);
        }
        return e;
    }

    private static boolean isIpLiteral(String s) {
        if (IPV4.matcher(s).matches()) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(s).matches() && s.chars().filter(c -> c == ':').count() >= 2;
    }

    static String text(JsonNode v) {
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static void putText(ObjectNode n, String name, JsonNode v) {
        String s = text(v);
        if (s != null) {
            n.put(name, s);
        }
    }
}
