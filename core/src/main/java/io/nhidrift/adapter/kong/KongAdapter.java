package io.nhidrift.adapter.kong;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.adapter.UriPaths;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Times;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kong http-log plugin JSON. Only the user agent is read from the request headers; no header is ever
 * copied into the event (Kong logs {@code apikey} / {@code authorization} headers verbatim).
 */
public final class KongAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "kong";

    public KongAdapter() {
        super("Kong http-log entry"); // http-log with queue batching (queue.max_batch_size > 1) posts an array
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    protected ParseResult record(JsonNode e, Supplier<String> fallbackId) throws AdapterException {
        JsonNode consumer = Fields.get(e, "consumer");
        String username = Fields.text(consumer, "username");
        String consumerId = Fields.text(consumer, "id");
        String entityId = Fields.text(e, "authenticated_entity", "id");
        String credential = Fields.first(username, consumerId, entityId);
        if (credential == null) {
            return ParseResult.skip("no authenticated consumer");
        }
        JsonNode req = Fields.get(e, "request");
        String method = Fields.text(req, "method");
        if (method == null) {
            throw new AdapterException("no request.method");
        }
        String uri = Fields.first(Fields.text(req, "uri"), Fields.text(req, "url"));
        if (uri == null) {
            throw new AdapterException("no request.uri");
        }
        String path = UriPaths.pathOnly(uri);
        Long time = Times.millis(Fields.get(e, "started_at"));
        if (time == null) {
            throw new AdapterException("no started_at");
        }
        JsonNode resp = Fields.get(e, "response");
        Long status = Fields.integer(Fields.get(resp, "status"));
        String eventId = Fields.firstOr(fallbackId, Fields.text(req, "id"), Fields.text(resp, "headers", "x-kong-request-id"));
        String ua = Fields.text(req, "headers", "user-agent");
        if (ua == null) {
            JsonNode h = Fields.path(req, "headers", "user-agent");
            if (h != null && h.isArray() && h.size() > 0) {
                ua = Fields.scalar(h.get(0));
            }
        }
        boolean denied = status != null && (status == 401 || status == 403);
        UsageEvent.Builder b = Events.builder(FORMAT, eventId, credential, method.toUpperCase(Locale.ROOT) + " " + path, time)
                .setCredentialKind(CredentialKind.API_KEY.id())
                .setPrincipal(Fields.first(username, consumerId, entityId))
                .setDenied(denied)
                .setErrorCode(status != null && status >= 400 ? String.valueOf(status) : null)
                .setSourceIp(Fields.text(e, "client_ip"))
                .setUserAgent(Redactor.redactText(ua))
                .setResource(path);
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "route", Fields.first(Fields.text(e, "route", "name"), Fields.text(e, "route", "id")));
        Events.attr(at, "service", Fields.first(Fields.text(e, "service", "name"), Fields.text(e, "service", "id")));
        Events.attr(at, "status", status == null ? null : String.valueOf(status));
        Events.attr(at, "upstream_uri", Redactor.redactUrl(Fields.text(e, "upstream_uri")));
        Events.attr(at, "request_uri", Redactor.redactUrl(uri));
        Events.attr(at, "consumer_id", consumerId);
        Events.attr(at, "authenticated_entity_id", entityId);
        return ParseResult.of(b.build());
    }
}
