package io.nhidrift.adapter.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.adapter.UriPaths;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Times;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Any JSON access log, read through a {@link FieldMapping}. Action {@code <METHOD> <path>} (query string
 * dropped; an HTTP API {@code routeKey} such as {@code GET /pets} gives its path); 401/403 are denied.
 */
public final class GatewayJsonAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "gateway-json";
    private static final String RECORD = "access log entry";

    private final FieldMapping m;
    private final String[][] credential;
    private final String[][] method;
    private final String[][] path;
    private final String[][] clientIp;
    private final String[][] userAgent;
    private final String[][] time;
    private final String[][] status;
    private final String[][] eventId;

    public GatewayJsonAdapter(FieldMapping mapping) {
        super(RECORD);
        this.m = mapping;
        this.credential = split(mapping.credential());
        this.method = split(mapping.method());
        this.path = split(mapping.path());
        this.clientIp = split(mapping.clientIp());
        this.userAgent = split(mapping.userAgent());
        this.time = split(mapping.time());
        this.status = split(mapping.status());
        this.eventId = split(mapping.eventId());
    }

    public FieldMapping mapping() {
        return m;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** One object per record: an access log line is never a batch. */
    @Override
    protected ParseResult normalize(JsonNode root, byte[] raw) throws AdapterException {
        return record(requireObject(root, RECORD), () -> Events.contentId(raw));
    }

    @Override
    protected ParseResult record(JsonNode root, Supplier<String> fallbackId) throws AdapterException {
        String cred = text(root, credential);
        if (cred == null) {
            return ParseResult.skip("no credential field");
        }
        String verb = text(root, method);
        String p = text(root, path);
        if (p != null) {
            int sp = p.lastIndexOf(' ');
            if (sp >= 0) { // routeKey "GET /pets/{id}"
                if (verb == null) {
                    verb = p.substring(0, p.indexOf(' '));
                }
                p = p.substring(sp + 1);
            }
            p = UriPaths.pathOnly(p);
        }
        if (verb == null || p == null) {
            throw new AdapterException("no method or path");
        }
        Long t = parseTime(node(root, time));
        if (t == null) {
            throw new AdapterException("no readable time (" + m.timeFormat() + ")");
        }
        String st = text(root, status);
        Long code = st != null && Fields.isDigits(st) && st.length() < 6 ? Long.parseLong(st) : null;
        boolean denied = code != null && (code == 401 || code == 403);
        String id = text(root, eventId);
        UsageEvent.Builder b = Events.builder(FORMAT, id != null ? id : fallbackId.get(), cred,
                        verb.toUpperCase(Locale.ROOT) + " " + p, t)
                .setPrincipal(cred)
                .setDenied(denied)
                .setErrorCode(code != null && code >= 400 ? st : null)
                .setSourceIp(text(root, clientIp))
                .setUserAgent(Redactor.redactText(text(root, userAgent)))
                .setResource(p);
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "status", st);
        return ParseResult.of(b.build());
    }

    private Long parseTime(JsonNode n) {
        String s = Fields.scalar(n);
        if (s == null || s.equals("-")) {
            return null;
        }
        switch (m.timeFormat()) {
            case "epoch_ms":
                return n.isNumber() ? (Long) n.asLong() : Fields.isDigits(s) && s.length() < 19 ? Long.parseLong(s) : null;
            case "epoch_s":
                if (n.isNumber()) {
                    return Math.round(n.asDouble() * 1000);
                }
                try {
                    return Math.round(Double.parseDouble(s) * 1000);
                } catch (NumberFormatException e) {
                    return null;
                }
            case "clf":
                return Times.clfMillis(s);
            default:
                return Times.lenientMillis(s);
        }
    }

    private static String[][] split(String spec) {
        if (spec == null || spec.isBlank()) {
            return new String[0][];
        }
        String[] alts = spec.split("\\|");
        String[][] out = new String[alts.length][];
        for (int i = 0; i < alts.length; i++) {
            out[i] = new String[] {alts[i].trim()};
        }
        return out;
    }

    private static JsonNode node(JsonNode root, String[][] alts) {
        for (String[] a : alts) {
            JsonNode n = Fields.dotted(root, a[0]);
            String s = Fields.scalar(n);
            if (s != null && !s.equals("-")) {
                return n;
            }
        }
        return null;
    }

    private static String text(JsonNode root, String[][] alts) {
        return Fields.scalar(node(root, alts));
    }
}
