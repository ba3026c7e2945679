package io.nhidrift.adapter.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import io.nhidrift.json.Times;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GCP Cloud Audit Logs ({@code LogEntry} with an {@code AuditLog} protoPayload), as a Logging sink or a
 * Pub/Sub export delivers it: a bare LogEntry, a Pub/Sub push body {@code {"message":{"data":<base64>}}},
 * a pulled message {@code {"data":<base64>}}, a JSON array or an {@code {"entries":[...]}} list.
 *
 * <p>One event per {@code authorizationInfo[].permission} (CONTRACT section 2), else one with {@code methodName}.
 */
public final class GcpAuditAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "gcp-audit";
    private static final int STATUS_PERMISSION_DENIED = 7;

    public GcpAuditAdapter() {
        super("LogEntry", "entries");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** A Pub/Sub push body {@code {"message":{"data":…}}} or a pulled message {@code {"data":…}}: the decoded data. */
    @Override
    protected JsonNode envelopeContent(JsonNode obj) throws AdapterException {
        JsonNode message = Fields.get(obj, "message");
        if (message != null && message.isObject() && Fields.get(message, "data") != null) {
            return decode(Fields.get(message, "data"));
        }
        if (Fields.get(obj, "protoPayload") == null && Fields.get(obj, "data") != null
                && Fields.get(obj, "data").isTextual()) {
            return decode(Fields.get(obj, "data"));
        }
        return null;
    }

    private static JsonNode decode(JsonNode data) throws AdapterException {
        String b64 = Fields.scalar(data);
        if (b64 == null) {
            throw new AdapterException("Pub/Sub message without data");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new AdapterException("Pub/Sub message data is not base64: " + Json.firstLine(e.getMessage()), e);
        }
        return parseJson(bytes);
    }

    @Override
    protected ParseResult record(JsonNode e, Supplier<String> fallbackId) throws AdapterException {
        JsonNode pp = Fields.get(e, "protoPayload");
        if (pp == null || !pp.isObject()) {
            return ParseResult.skip("no protoPayload (not an audit log entry)");
        }
        JsonNode authn = Fields.get(pp, "authenticationInfo");
        String email = Fields.text(authn, "principalEmail");
        String subject = Fields.text(authn, "principalSubject");
        String credential = email != null ? email : subject;
        if (credential == null) {
            return ParseResult.skip("no principalEmail or principalSubject");
        }
        String kind = (email != null && email.toLowerCase().endsWith(".gserviceaccount.com")
                ? CredentialKind.GCP_SERVICE_ACCOUNT : CredentialKind.OTHER).id();

        Long time = Fields.first(Times.millis(Fields.get(e, "timestamp")),
                Times.millis(Fields.path(pp, "requestMetadata", "requestAttributes", "time")),
                Times.millis(Fields.get(e, "receiveTimestamp")));
        if (time == null) {
            throw new AdapterException("no timestamp");
        }

        String methodName = Fields.text(pp, "methodName");
        JsonNode status = Fields.get(pp, "status");
        Long statusCode = Fields.integer(Fields.get(status, "code"));
        boolean allDenied = statusCode != null && statusCode == STATUS_PERMISSION_DENIED;

        List<JsonNode> perms = new ArrayList<>();
        JsonNode authz = Fields.get(pp, "authorizationInfo");
        if (authz != null && authz.isArray()) {
            for (JsonNode a : authz) {
                if (Fields.text(a, "permission") != null) {
                    perms.add(a);
                }
            }
        }
        if (perms.isEmpty() && methodName == null) {
            throw new AdapterException("no authorizationInfo permission and no methodName");
        }

        String insertId = Fields.text(e, "insertId");
        String baseId = insertId != null ? insertId : fallbackId.get();
        JsonNode rm = Fields.get(pp, "requestMetadata");
        String ip = Fields.first(Fields.text(rm, "callerIp"), Fields.text(rm, "callerIP"));
        String ua = Redactor.redactText(Fields.text(rm, "callerSuppliedUserAgent"));
        String resourceName = Fields.text(pp, "resourceName");
        String errorCode = statusCode != null && statusCode != 0 ? String.valueOf(statusCode) : null;

        ParseResult.Builder out = new ParseResult.Builder();
        int n = Math.max(1, perms.size());
        for (int i = 0; i < n; i++) {
            JsonNode perm = perms.isEmpty() ? null : perms.get(i);
            String action = perm != null ? Fields.text(perm, "permission") : methodName;
            JsonNode granted = perm == null ? null : Fields.get(perm, "granted");
            boolean denied = allDenied || (granted != null && granted.isBoolean() && !granted.asBoolean())
                    || (granted != null && granted.isTextual() && "false".equalsIgnoreCase(granted.asText()));
            String resource = Fields.first(perm == null ? null : Fields.text(perm, "resource"), resourceName);
            UsageEvent.Builder b = Events.builder(FORMAT, n > 1 ? baseId + "#" + i : baseId, credential, action, time)
                    .setCredentialKind(kind)
                    .setPrincipal(credential)
                    .setDenied(denied)
                    .setErrorCode(denied && errorCode == null ? "PERMISSION_DENIED" : errorCode)
                    .setSourceIp(ip)
                    .setUserAgent(ua)
                    .setResource(Redactor.redactUrl(resource));
            Map<String, String> at = b.getAttributes();
            Events.attr(at, "serviceAccountKeyName", Fields.text(authn, "serviceAccountKeyName"));
            Events.attr(at, "serviceAccountDelegationInfo", Fields.compact(Fields.get(authn, "serviceAccountDelegationInfo")));
            if (email != null) {
                Events.attr(at, "principalSubject", subject);
            }
            Events.attr(at, "methodName", methodName);
            Events.attr(at, "serviceName", Fields.text(pp, "serviceName"));
            Events.attr(at, "resourceName", resourceName);
            Events.attr(at, "projectId", Fields.text(e, "resource", "labels", "project_id"));
            Events.attr(at, "logName", Fields.text(e, "logName"));
            Events.attr(at, "statusMessage", Fields.text(status, "message"));
            out.event(b.build());
        }
        return out.build();
    }
}
