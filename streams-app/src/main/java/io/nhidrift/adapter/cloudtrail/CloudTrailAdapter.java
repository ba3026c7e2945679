package io.nhidrift.adapter.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.Json;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.avro.UsageEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * AWS CloudTrail → {@link UsageEvent} (format {@code cloudtrail}, CONTRACT section 2).
 *
 * <h2>Accepted shapes of one raw input</h2>
 * <ul>
 *   <li>a single CloudTrail record (one NDJSON line);
 *   <li>a JSON array of records;
 *   <li>an S3-delivery body {@code {"Records":[…]}};
 *   <li>several JSON values back to back (a whole NDJSON file handed over at once);
 *   <li>an EventBridge envelope whose {@code detail} is the record: {@code detail-type} "AWS API Call via
 *       CloudTrail" (also "AWS Console Sign In via CloudTrail" and "AWS Console Action via CloudTrail", which
 *       carry the same record shape); other detail-types are skipped with a reason;
 *   <li>any of the above gzip-compressed (detected by the gzip magic bytes), up to {@link Json#MAX_RECORD_BYTES}
 *       uncompressed.
 * </ul>
 *
 * <h2>Outcome per record</h2>
 * <ul>
 *   <li><b>event</b>: attributable to a credential;
 *   <li><b>skipped</b> (reason starting {@code "not attributed to a credential: "}): well-formed but made by
 *       an AWS service ({@code AWSService}, or no identity type but {@code invokedBy}) or without any principal;
 *   <li><b>malformed</b>: not a CloudTrail event (no {@code eventName}/{@code eventSource}), or no usable time
 *       ({@code eventTime}, else Logstash {@code @timestamp}; a time without zone is read as UTC, as CloudTrail
 *       times always are). When the raw input is that one record, {@link AdapterException} is thrown (so the
 *       reader reports it as unparseable with file and line); inside a container (array, {@code Records},
 *       back-to-back values) the other records still count and the bad one is skipped with a reason starting
 *       {@code "malformed record: "}. Unreadable JSON always throws.
 * </ul>
 *
 * <p>Field names are looked up exactly first and case-insensitively as a fallback (Panther's test fixtures
 * carry {@code eventname}, {@code useridentity}, {@code principalid}, {@code sessioncontext}); the misspelled
 * {@code accesKeyId} is accepted as {@code accessKeyId}.
 */
public final class CloudTrailAdapter implements LogAdapter {

    public static final String FORMAT = "cloudtrail";

    static final String NOT_ATTRIBUTED = "not attributed to a credential: ";
    static final String MALFORMED = "malformed record: ";

    private static final Set<String> ACCEPTED_DETAIL_TYPES = Set.of(
            "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail", "AWS Console Action via CloudTrail");

    private static final String KIND_KEY = "aws_access_key";
    private static final String KIND_ROLE = "aws_role";
    private static final String KIND_OTHER = "other";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public ParseResult parse(byte[] raw) throws AdapterException {
        try {
            List<JsonNode> roots = readValues(raw);
            if (roots.size() == 1) {
                JsonNode root = roots.get(0);
                if (root.isArray()) {
                    return container(root);
                }
                if (!root.isObject()) {
                    throw new AdapterException("not a CloudTrail record: top-level JSON " + root.getNodeType());
                }
                JsonNode records = root.get("Records");
                if (records != null && records.isArray()) {
                    return container(records);
                }
                Outcome o = envelopeOrRecord(root);
                if (o.malformed != null) {
                    throw new AdapterException(o.malformed);
                }
                return o.event != null ? ParseResult.of(o.event) : ParseResult.skip(o.skipped);
            }
            ParseResult.Builder b = new ParseResult.Builder();
            for (JsonNode n : roots) {
                if (n.isArray()) {
                    b.add(container(n));
                } else if (n.isObject() && n.has("Records") && n.get("Records").isArray()) {
                    b.add(container(n.get("Records")));
                } else {
                    addTo(b, n);
                }
            }
            return b.build();
        } catch (AdapterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AdapterException("cloudtrail: internal error: " + e.getClass().getSimpleName() + ": "
                    + Json.firstLine(e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------------------------------ shapes

    private ParseResult container(JsonNode array) {
        ParseResult.Builder b = new ParseResult.Builder();
        for (JsonNode n : array) {
            addTo(b, n);
        }
        return b.build();
    }

    private void addTo(ParseResult.Builder b, JsonNode n) {
        if (!n.isObject()) {
            b.skip(MALFORMED + "not a JSON object but " + n.getNodeType());
            return;
        }
        Outcome o = envelopeOrRecord(n);
        if (o.event != null) {
            b.event(o.event);
        } else if (o.malformed != null) {
            b.skip(MALFORMED + o.malformed);
        } else {
            b.skip(o.skipped);
        }
    }

    private Outcome envelopeOrRecord(JsonNode obj) {
        JsonNode dt = obj.get("detail-type");
        if (dt != null && obj.has("detail")) {
            String detailType = dt.asText();
            if (!ACCEPTED_DETAIL_TYPES.contains(detailType)) {
                return Outcome.skipped("EventBridge detail-type '" + detailType + "' is not a CloudTrail API call");
            }
            JsonNode detail = obj.get("detail");
            if (!detail.isObject()) {
                return Outcome.malformed("EventBridge envelope without a detail object");
            }
            return record(detail);
        }
        return record(obj);
    }

    // ------------------------------------------------------------------------------------------ one record

    private Outcome record(JsonNode r) {
        // Canonical records have camelCase keys; only fixtures with other casings pay for the slow lookup.
        boolean ci = !r.has("eventName");
        String eventName = text(r, "eventName", ci);
        String eventSource = text(r, "eventSource", ci);
        if (eventName == null || eventSource == null) {
            return Outcome.malformed("not a CloudTrail event (no " + (eventName == null ? "eventName" : "eventSource")
                    + ")");
        }

        String timeText = text(r, "eventTime", ci);
        if (timeText == null) {
            timeText = text(r, "@timestamp", false);
        }
        Long time = eventMillis(timeText);
        if (time == null) {
            return Outcome.malformed(timeText == null
                    ? "no eventTime or @timestamp"
                    : "unreadable eventTime '" + shorten(timeText) + "'");
        }

        // ---- identity
        JsonNode ui = field(r, "userIdentity", ci);
        if (ui == null || !ui.isObject()) {
            return Outcome.skipped(NOT_ATTRIBUTED + "no userIdentity");
        }
        String type = text(ui, "type", true);
        String arn = text(ui, "arn", true);
        String accessKeyId = text(ui, "accessKeyId", true);
        if (accessKeyId == null) {
            accessKeyId = text(ui, "accesKeyId", true);
        }
        String credentialId;
        String kind;
        String sessionName = null;
        if ("AWSService".equals(type)) {
            return Outcome.skipped(NOT_ATTRIBUTED + "AWSService");
        } else if ("IAMUser".equals(type) && accessKeyId != null && accessKeyId.startsWith("AKIA")) {
            credentialId = accessKeyId;
            kind = KIND_KEY;
        } else if ("AssumedRole".equals(type)) {
            credentialId = roleArn(ui, arn);
            if (credentialId == null) {
                return Outcome.skipped(NOT_ATTRIBUTED + "AssumedRole without sessionIssuer.arn or assumed-role arn");
            }
            kind = KIND_ROLE;
            sessionName = sessionName(arn);
        } else {
            if (arn != null) {
                credentialId = arn;
            } else {
                String principalId = text(ui, "principalId", true);
                if (principalId != null) {
                    credentialId = principalId;
                } else {
                    String invokedBy = text(ui, "invokedBy", true);
                    return Outcome.skipped(NOT_ATTRIBUTED + (invokedBy != null
                            ? "invoked by " + invokedBy
                            : "no principal (" + (type == null ? "no identity type" : type) + ")"));
                }
            }
            kind = KIND_OTHER;
        }

        // ---- action, outcome, facets
        String action = IamActionMapper.iamAction(eventSource, eventName);
        String eventId = text(r, "eventID", ci);
        if (eventId == null) {
            eventId = Events.contentId(r.toString());
        }
        String errorCode = text(r, "errorCode", ci);
        String sourceIp = text(r, "sourceIPAddress", ci);
        String userAgent = unbracket(text(r, "userAgent", ci));

        UsageEvent.Builder ev = Events.builder(FORMAT, eventId, credentialId, action, time);
        ev.setCredentialKind(kind);
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
        ev.setAttributes(a);
        return Outcome.event(ev.build());
    }

    /** The role ARN of an assumed-role session: the session issuer, else derived from the sts ARN. */
    static String roleArn(JsonNode ui, String arn) {
        JsonNode sc = field(ui, "sessionContext", true);
        if (sc != null) {
            JsonNode issuer = field(sc, "sessionIssuer", true);
            if (issuer != null) {
                String issuerArn = text(issuer, "arn", true);
                if (issuerArn != null && issuerArn.contains(":role/")) {
                    return issuerArn;
                }
            }
        }
        return roleArnFromAssumedRoleArn(arn);
    }

    /**
     * {@code arn:<partition>:sts::<acct>:assumed-role/<name>/<session>} → {@code arn:<partition>:iam::<acct>:role/<name>}.
     * The role path is not part of an assumed-role ARN, so a derived ARN has none.
     */
    static String roleArnFromAssumedRoleArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int marker = arn.indexOf(":assumed-role/");
        if (marker < 0) {
            return null;
        }
        int partEnd = arn.indexOf(':', 4);
        // expected: arn:<partition>:sts::<account>:assumed-role/...
        int svcEnd = arn.indexOf(':', partEnd + 1);
        int regionEnd = arn.indexOf(':', svcEnd + 1);
        if (partEnd < 0 || svcEnd < 0 || regionEnd < 0 || regionEnd > marker) {
            return null;
        }
        String partition = arn.substring(4, partEnd);
        String account = arn.substring(regionEnd + 1, marker);
        int nameStart = marker + ":assumed-role/".length();
        int slash = arn.indexOf('/', nameStart);
        String name = slash < 0 ? arn.substring(nameStart) : arn.substring(nameStart, slash);
        if (name.isEmpty() || account.isEmpty()) {
            return null;
        }
        return "arn:" + partition + ":iam::" + account + ":role/" + name;
    }

    /** The session name: the last segment of an assumed-role ARN. */
    static String sessionName(String arn) {
        if (arn == null) {
            return null;
        }
        int marker = arn.indexOf(":assumed-role/");
        if (marker < 0) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash > marker + 14 && slash < arn.length() - 1 ? arn.substring(slash + 1) : null;
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

    /** ISO-8601; a value without zone (Panther's {@code 2022-01-01 19:42:55}) is UTC like every CloudTrail time. */
    static Long eventMillis(String text) {
        if (text == null) {
            return null;
        }
        Long t = Json.isoMillis(text);
        if (t == null) {
            String v = text.trim();
            if (v.length() >= 19 && v.length() <= 30 && v.charAt(4) == '-' && v.indexOf('Z') < 0
                    && v.indexOf('+', 10) < 0 && v.indexOf('-', 10) < 0) {
                t = Json.isoMillis(v + 'Z');
            }
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------ redaction

    /**
     * Memo of {@link Redactor#redactText}: CloudTrail facets (agents, addresses, regions, event names, account
     * ids) repeat heavily and the redactor runs several regexes per value, so results are reused. Same function,
     * same output: the redaction invariant of {@link Events#attr} is kept exactly. Cleared when it grows past
     * {@link #REDACT_MEMO_LIMIT} entries so a long-running service cannot grow it without bound. Only values
     * the redactor leaves unchanged are memoized, so no secret stays in memory as a key.
     */
    private static final ConcurrentHashMap<String, String> REDACT_MEMO = new ConcurrentHashMap<>();
    private static final int REDACT_MEMO_LIMIT = 20_000;
    private static final int REDACT_MEMO_MAX_LEN = 1_024;

    static String redacted(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() > REDACT_MEMO_MAX_LEN) {
            return Redactor.redactText(value);
        }
        String r = REDACT_MEMO.get(value);
        if (r == null) {
            r = Redactor.redactText(value);
            if (!r.equals(value)) {
                return r; // never keep a secret-bearing value around as a memo key
            }
            if (REDACT_MEMO.size() >= REDACT_MEMO_LIMIT) {
                REDACT_MEMO.clear();
            }
            REDACT_MEMO.put(value, r);
        }
        return r;
    }

    /** {@link Events#attr} with memoized redaction: puts a non-empty value, redacted. */
    private static void attr(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, redacted(value));
        }
    }

    // ------------------------------------------------------------------------------------------ JSON helpers

    /** A field by exact name, else (when {@code ci}) by case-insensitive name. */
    static JsonNode field(JsonNode obj, String name, boolean ci) {
        JsonNode n = obj.get(name);
        if (n != null || !ci || !obj.isObject()) {
            return n;
        }
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Scalar text of a field, null when absent, null, empty or a container. */
    static String text(JsonNode obj, String name, boolean ci) {
        JsonNode n = field(obj, name, ci);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Every top-level JSON value of the input (usually exactly one), gunzipped first when gzip. */
    private static List<JsonNode> readValues(byte[] raw) throws AdapterException {
        if (raw == null || raw.length == 0) {
            throw new AdapterException("empty record");
        }
        byte[] data = raw;
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            data = gunzip(raw);
        }
        if (data.length > Json.MAX_RECORD_BYTES) {
            throw new AdapterException("record of " + data.length + " bytes exceeds the limit of "
                    + Json.MAX_RECORD_BYTES);
        }
        List<JsonNode> out = new ArrayList<>(1);
        try (JsonParser p = Json.MAPPER.createParser(data)) {
            while (p.nextToken() != null) {
                JsonNode n = Json.MAPPER.readTree(p);
                if (n != null && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AdapterException("invalid JSON: " + Json.firstLine(e.getMessage()), e);
        }
        if (out.isEmpty()) {
            throw new AdapterException("empty record");
        }
        return out;
    }

    private static byte[] gunzip(byte[] raw) throws AdapterException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(raw.length * 8L, 1 << 20));
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > Json.MAX_RECORD_BYTES) {
                    throw new AdapterException("gzipped record exceeds the limit of " + Json.MAX_RECORD_BYTES
                            + " bytes uncompressed");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AdapterException("invalid gzip: " + Json.firstLine(e.getMessage()), e);
        }
    }

    /** Exactly one of event, skipped, malformed. */
    private record Outcome(UsageEvent event, String skipped, String malformed) {
        static Outcome event(UsageEvent e) {
            return new Outcome(e, null, null);
        }

        static Outcome skipped(String reason) {
            return new Outcome(null, reason, null);
        }

        static Outcome malformed(String reason) {
            return new Outcome(null, null, reason);
        }
    }
}
