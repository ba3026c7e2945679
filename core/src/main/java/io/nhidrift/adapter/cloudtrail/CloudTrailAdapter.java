package io.nhidrift.adapter.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.json.Json;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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
 *
 * <p>This class handles the input shapes and the per-record loop ({@link JsonAdapterBase} reads the bytes and
 * reports what escapes), {@link CloudTrailRecordMapper} turns one record into an event (with {@link CloudTrailIdentity} for the
 * caller and {@link CloudTrailRedaction} for the memoized redaction).
 */
public final class CloudTrailAdapter extends JsonAdapterBase {

    public static final String FORMAT = "cloudtrail";

    static final String NOT_ATTRIBUTED = "not attributed to a credential: ";
    static final String MALFORMED = "malformed record: ";

    private static final Set<String> ACCEPTED_DETAIL_TYPES = Set.of(
            "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail", "AWS Console Action via CloudTrail");

    public CloudTrailAdapter() {
        super("CloudTrail record");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** A whole NDJSON file or a gzipped S3 object may be handed over as one input. */
    @Override
    protected boolean readsConcatenatedValues() {
        return true;
    }

    @Override
    protected ParseResult normalize(JsonNode root, byte[] raw) throws AdapterException {
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
        return alone(envelopeOrRecord(root));
    }

    /**
     * A record given alone: a malformed one is an {@link AdapterException}. Its id is its {@code eventID}, else the
     * hash of the record itself (also inside a container), so {@code fallbackId} is not used.
     */
    @Override
    protected ParseResult record(JsonNode record, Supplier<String> fallbackId) throws AdapterException {
        return alone(envelopeOrRecord(record));
    }

    @Override
    protected ParseResult normalizeValues(List<JsonNode> values, byte[] raw) {
        ParseResult.Builder b = new ParseResult.Builder();
        for (JsonNode n : values) {
            JsonNode records = n.isObject() ? n.get("Records") : null;
            if (n.isArray()) {
                b.add(container(n));
            } else if (records != null && records.isArray()) {
                b.add(container(records));
            } else {
                inContainer(b, n, n.isObject() ? envelopeOrRecord(n) : null);
            }
        }
        return b.build();
    }

    // The mapping is called from the loops themselves, not from a helper, so the JIT inlines it deep enough to
    // keep its temporaries off the heap; the helpers below only report.

    private ParseResult container(JsonNode array) {
        ParseResult.Builder b = new ParseResult.Builder();
        for (JsonNode n : array) {
            inContainer(b, n, n.isObject() ? envelopeOrRecord(n) : null);
        }
        return b.build();
    }

    /** What a record given alone became: a malformed one is an {@link AdapterException}. */
    private static ParseResult alone(CloudTrailOutcome o) throws AdapterException {
        if (o.malformed() != null) {
            throw new AdapterException(o.malformed());
        }
        return o.event() != null ? ParseResult.of(o.event()) : ParseResult.skip(o.skipped());
    }

    /** Adds what a record inside a container became ({@code o} is null for a value that is not an object). */
    private static void inContainer(ParseResult.Builder b, JsonNode n, CloudTrailOutcome o) {
        if (o == null) {
            b.skip(MALFORMED + "not a JSON object but " + n.getNodeType());
        } else if (o.event() != null) {
            b.event(o.event());
        } else if (o.malformed() != null) {
            b.skip(MALFORMED + o.malformed());
        } else {
            b.skip(o.skipped());
        }
    }

    private static CloudTrailOutcome envelopeOrRecord(JsonNode obj) {
        JsonNode dt = obj.get("detail-type");
        if (dt != null && obj.has("detail")) {
            String detailType = dt.asText();
            if (!ACCEPTED_DETAIL_TYPES.contains(detailType)) {
                return CloudTrailOutcome.skipped("EventBridge detail-type '" + detailType
                        + "' is not a CloudTrail API call");
            }
            JsonNode detail = obj.get("detail");
            if (!detail.isObject()) {
                return CloudTrailOutcome.malformed("EventBridge envelope without a detail object");
            }
            return CloudTrailRecordMapper.map(detail);
        }
        return CloudTrailRecordMapper.map(obj);
    }
}
