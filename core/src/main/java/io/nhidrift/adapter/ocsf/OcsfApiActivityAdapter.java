package io.nhidrift.adapter.ocsf;

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
import io.nhidrift.json.Times;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OCSF 1.x API Activity (class_uid 6003), e.g. Amazon Security Lake CloudTrail. Other classes are skipped.
 *
 * <p>Credential, most specific first: {@code actor.user.credential_uid} when it is a long-lived key (an AWS
 * {@code ASIA…} session key is not: it changes every session), else {@code actor.user.uid}, else
 * {@code actor.user.name}, else {@code actor.session.credential_uid}, else {@code actor.app_uid}.
 * Denied: {@code status_id} 2 (Failure) whose {@code status_code}/{@code status_detail}/{@code status},
 * {@code api.response.error} or HTTP response code says access was refused (denied, unauthorized,
 * forbidden, permission, 401, 403); other failures keep {@code errorCode} but are not denials.
 */
public final class OcsfApiActivityAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "ocsf";
    public static final int API_ACTIVITY = 6003;

    public OcsfApiActivityAdapter() {
        super("OCSF event");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    protected ParseResult record(JsonNode e, Supplier<String> fallbackId) throws AdapterException {
        Long classUid = Fields.integer(Fields.get(e, "class_uid"));
        if (classUid == null) {
            return ParseResult.skip("no class_uid");
        }
        if (classUid != API_ACTIVITY) {
            return ParseResult.skip("class_uid " + classUid + " is not API Activity (6003)");
        }
        JsonNode actor = Fields.get(e, "actor");
        JsonNode user = Fields.get(actor, "user");
        String keyUid = Fields.text(user, "credential_uid");
        if (keyUid != null && keyUid.startsWith("ASIA")) {
            keyUid = null;
        }
        String userUid = Fields.text(user, "uid");
        String credential = Fields.first(keyUid, userUid, Fields.text(user, "name"),
                Fields.text(actor, "session", "credential_uid"), Fields.text(actor, "app_uid"));
        if (credential == null) {
            return ParseResult.skip("no actor user or credential");
        }
        JsonNode api = Fields.get(e, "api");
        String operation = Fields.text(api, "operation");
        if (operation == null) {
            throw new AdapterException("no api.operation");
        }
        String service = Fields.text(api, "service", "name");
        String action = service != null ? service + ":" + operation : operation;
        Long time = Fields.first(Times.millis(Fields.get(e, "time")), Times.millis(Fields.get(e, "time_dt")));
        if (time == null) {
            throw new AdapterException("no time");
        }
        Long statusId = Fields.integer(Fields.get(e, "status_id"));
        String statusCode = Fields.text(e, "status_code");
        String statusDetail = Fields.text(e, "status_detail");
        String apiError = Fields.text(api, "response", "error");
        Long httpCode = Fields.integer(Fields.path(e, "http_response", "code"));
        boolean failed = statusId != null && statusId == 2;
        boolean denied = failed && (isDenial(statusCode) || isDenial(statusDetail) || isDenial(Fields.text(e, "status"))
                || isDenial(apiError) || (httpCode != null && (httpCode == 401 || httpCode == 403)));
        String kind = (keyUid != null && keyUid.startsWith("AKIA") ? CredentialKind.AWS_ACCESS_KEY
                : credential.startsWith("arn:aws:") && credential.contains(":role/") ? CredentialKind.AWS_ROLE
                : CredentialKind.OTHER).id();
        String ip = Fields.first(Fields.text(e, "src_endpoint", "ip"), Fields.text(e, "src_endpoint", "svc_name"),
                Fields.text(e, "src_endpoint", "domain"));
        JsonNode resources = Fields.get(e, "resources");
        String resource = null;
        if (resources != null && resources.isArray() && resources.size() > 0) {
            resource = Fields.first(Fields.text(resources.get(0), "uid"), Fields.text(resources.get(0), "name"));
        }
        UsageEvent.Builder b = Events.builder(FORMAT, Fields.firstOr(fallbackId, Fields.text(e, "metadata", "uid")),
                        credential, action, time)
                .setCredentialKind(kind)
                .setPrincipal(Fields.first(userUid, Fields.text(user, "name"), credential))
                .setDenied(denied)
                .setErrorCode(failed ? Fields.first(statusCode, apiError, statusDetail, "Failure") : null)
                .setSourceIp(ip)
                .setUserAgent(Redactor.redactText(Fields.text(e, "http_request", "user_agent")))
                .setResource(resource);
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "credential_uid", Fields.text(user, "credential_uid"));
        Events.attr(at, "session_uid", Fields.text(actor, "session", "uid"));
        Events.attr(at, "session_issuer", Fields.text(actor, "session", "issuer"));
        Events.attr(at, "user_type", Fields.text(user, "type"));
        Events.attr(at, "account_uid", Fields.text(user, "account", "uid"));
        Events.attr(at, "request_uid", Fields.text(api, "request", "uid"));
        Events.attr(at, "cloud_provider", Fields.text(e, "cloud", "provider"));
        Events.attr(at, "cloud_region", Fields.text(e, "cloud", "region"));
        Events.attr(at, "product", Fields.text(e, "metadata", "product", "name"));
        Events.attr(at, "status_detail", statusDetail);
        return ParseResult.of(b.build());
    }

    private static boolean isDenial(String s) {
        if (s == null) {
            return false;
        }
        String l = s.toLowerCase(Locale.ROOT);
        return l.contains("denied") || l.contains("unauthorized") || l.contains("forbidden") || l.contains("permission")
                || l.contains("notauthorized") || l.equals("401") || l.equals("403");
    }
}
