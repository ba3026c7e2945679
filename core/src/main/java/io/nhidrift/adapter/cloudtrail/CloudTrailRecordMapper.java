package io.nhidrift.adapter.cloudtrail;

import static io.nhidrift.adapter.cloudtrail.CloudTrailAdapter.NOT_ATTRIBUTED;
import static io.nhidrift.json.Fields.field;
import static io.nhidrift.json.Fields.text;
import static io.nhidrift.adapter.cloudtrail.CloudTrailRedaction.attr;
import static io.nhidrift.adapter.cloudtrail.CloudTrailRedaction.redacted;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.Events;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Times;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One CloudTrail record (already unwrapped from any container or EventBridge envelope) → one
 * {@link CloudTrailOutcome}: the time ({@code eventTime}, else {@code @timestamp}; a value without zone, such as
 * Panther's {@code 2022-01-01 19:42:55}, is UTC like every CloudTrail time: {@link Times#isoMillisZoneless}), the caller
 * ({@link CloudTrailIdentity}), the IAM action ({@link IamActionMapper}), whether it was denied, the resource,
 * and the attributes, every one redacted through {@link CloudTrailRedaction}.
 *
 * <p>Canonical records have camelCase keys and take the exact lookups only; a record without {@code eventName}
 * pays for case-insensitive lookups on every field.
 */
final class CloudTrailRecordMapper {

    private CloudTrailRecordMapper() {
    }

    static CloudTrailOutcome map(JsonNode r) {
        boolean ci = !r.has("eventName");
        String eventName = text(r, "eventName", ci);
        String eventSource = text(r, "eventSource", ci);
        if (eventName == null || eventSource == null) {
            return CloudTrailOutcome.malformed("not a CloudTrail event (no "
                    + (eventName == null ? "eventName" : "eventSource") + ")");
        }

        String timeText = text(r, "eventTime", ci);
        if (timeText == null) {
            timeText = text(r, "@timestamp", false);
        }
        Long time = Times.isoMillisZoneless(timeText);
        if (time == null) {
            return CloudTrailOutcome.malformed(timeText == null
                    ? "no eventTime or @timestamp"
                    : "unreadable eventTime '" + shorten(timeText) + "'");
        }

        JsonNode ui = field(r, "userIdentity", ci);
        if (ui == null || !ui.isObject()) {
            return CloudTrailOutcome.skipped(NOT_ATTRIBUTED + "no userIdentity");
        }
        String type = CloudTrailIdentity.type(ui);
        String arn = CloudTrailIdentity.principal(ui);
        String accessKeyId = CloudTrailIdentity.accessKeyId(ui);
        CredentialKind kind = CloudTrailIdentity.kind(type, accessKeyId);
        String credentialId = kind == null ? null : CloudTrailIdentity.credentialId(ui, kind, arn, accessKeyId);
        if (credentialId == null) {
            return CloudTrailOutcome.skipped(NOT_ATTRIBUTED + CloudTrailIdentity.unattributed(ui, type, kind));
        }
        String sessionName = kind == CredentialKind.AWS_ROLE ? CloudTrailIdentity.sessionName(arn) : null;

        String action = IamActionMapper.iamAction(eventSource, eventName);
        String eventId = text(r, "eventID", ci);
        if (eventId == null) {
            eventId = Events.contentId(r.toString());
        }
        String errorCode = text(r, "errorCode", ci);
        String sourceIp = text(r, "sourceIPAddress", ci);
        String userAgent = unbracket(text(r, "userAgent", ci));

        UsageEvent.Builder ev = Events.builder(CloudTrailAdapter.FORMAT, eventId, credentialId, action, time);
        ev.setCredentialKind(kind.id());
        ev.setPrincipal(arn);
        ev.setDenied(isDenied(errorCode));
        ev.setErrorCode(errorCode);
        ev.setSourceIp(redacted(sourceIp));
        ev.setUserAgent(redacted(userAgent));
        ev.setResource(resource(r, eventSource, ci));

        Map<String, String> a = new HashMap<>(32);
        attr(a, "awsRegion", text(r, "awsRegion", ci));
        attr(a, "recipientAccountId", text(r, "recipientAccountId", ci));
        attr(a, "accountId", text(ui, "accountId", true));
        attr(a, "userIdentityType", type);
        attr(a, "accessKeyId", accessKeyId);
        attr(a, "sessionName", sessionName);
        attr(a, "invokedBy", text(ui, "invokedBy", true));
        attr(a, "eventSource", eventSource);
        attr(a, "eventName", eventName);
        attr(a, "errorCode", errorCode);
        Events.attr(a, "errorMessage", text(r, "errorMessage", ci)); // long and unique: not memoized
        attr(a, "readOnly", text(r, "readOnly", ci));
        attr(a, "eventType", text(r, "eventType", ci));
        attr(a, "managementEvent", text(r, "managementEvent", ci));
        attr(a, "eventCategory", text(r, "eventCategory", ci));
        // identity class and session moves (CONTRACT sections 2a and 4)
        JsonNode sessionContext = field(ui, "sessionContext", true);
        if (sessionContext != null && sessionContext.isObject()) {
            attr(a, "sessionCredentialFromConsole", text(sessionContext, "sessionCredentialFromConsole", true));
        }
        attr(a, "vpcEndpointId", text(r, "vpcEndpointId", ci));
        attr(a, "vpcEndpointAccountId", text(r, "vpcEndpointAccountId", ci));
        ev.setAttributes(a);
        return CloudTrailOutcome.event(ev.build());
    }

    /** AccessDenied, AccessDeniedException, Client.UnauthorizedOperation, UnauthorizedAccess, Forbidden, … */
    static boolean isDenied(String errorCode) {
        if (errorCode == null || errorCode.isEmpty()) {
            return false;
        }
        if (errorCode.equalsIgnoreCase("Forbidden")) {
            return true;
        }
        String lc = errorCode.toLowerCase(Locale.ROOT);
        return lc.contains("accessdenied") || lc.contains("unauthorized");
    }

    /** S3: bucket[/key]; otherwise the first {@code resources[].ARN}. */
    private static String resource(JsonNode r, String eventSource, boolean ci) {
        if ("s3.amazonaws.com".equals(eventSource)) {
            JsonNode rp = field(r, "requestParameters", ci);
            if (rp != null && rp.isObject()) {
                String bucket = text(rp, "bucketName", false);
                if (bucket != null) {
                    String key = text(rp, "key", false);
                    return key == null ? bucket : bucket + '/' + key;
                }
            }
        }
        JsonNode res = field(r, "resources", ci);
        if (res != null && res.isArray()) {
            for (JsonNode x : res) {
                String arn = text(x, "ARN", true);
                if (arn != null) {
                    return arn;
                }
            }
        }
        return null;
    }

    /** S3 data events wrap the agent in brackets: {@code [aws-cli/1.18 ...]}. */
    static String unbracket(String ua) {
        if (ua != null && ua.length() >= 2 && ua.charAt(0) == '[' && ua.charAt(ua.length() - 1) == ']') {
            String inner = ua.substring(1, ua.length() - 1).trim();
            return inner.isEmpty() ? null : inner;
        }
        return ua;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
