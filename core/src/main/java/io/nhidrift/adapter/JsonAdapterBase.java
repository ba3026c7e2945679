package io.nhidrift.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import io.nhidrift.json.RecordException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Common frame of the JSON adapters: read the raw input once ({@link Json}), normalize, and turn anything
 * unexpected into an {@link AdapterException} with a reason, so nothing else ever escapes.
 *
 * <p>The default {@link #normalize} is the unwrapping every format shares: a top-level array, or an object whose
 * first array-valued batch field (given to the constructor, looked up case-insensitively) holds the records, is
 * normalized element by element ({@link #each}); an object that {@link #envelopeContent} opens (a transport
 * envelope such as a Pub/Sub message) is normalized as its content; any other object is one {@link #record},
 * whose fallback id is the hash of the raw bytes.
 */
public abstract class JsonAdapterBase implements LogAdapter {

    private final String recordName;
    private final String[] batchFields;

    /**
     * @param recordName  what one record is called, for the reason given when the input is not an object
     * @param batchFields fields of an object that may hold a batch of records, in the order they are tried
     */
    protected JsonAdapterBase(String recordName, String... batchFields) {
        this.recordName = recordName;
        this.batchFields = batchFields.clone();
    }

    @Override
    public final ParseResult parse(byte[] raw) throws AdapterException {
        JsonNode root;
        List<JsonNode> values = null;
        try {
            if (readsConcatenatedValues()) {
                values = Json.parseValues(raw);
                root = values.size() == 1 ? values.get(0) : null;
            } else {
                root = Json.parse(raw);
            }
        } catch (RecordException e) {
            throw AdapterException.of(e);
        }
        try {
            return root != null ? normalize(root, raw) : normalizeValues(values, raw);
        } catch (AdapterException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AdapterException(format() + " record could not be normalized: " + e.getClass().getSimpleName()
                    + ": " + Json.firstLine(e.getMessage()), e);
        }
    }

    /** Normalizes an already parsed input; {@code raw} is only for content hashes. */
    protected ParseResult normalize(JsonNode root, byte[] raw) throws AdapterException {
        if (root.isArray()) {
            return each(root);
        }
        requireObject(root, recordName);
        for (String field : batchFields) {
            JsonNode batch = Fields.get(root, field);
            if (batch != null && batch.isArray()) {
                return each(batch);
            }
        }
        JsonNode content = envelopeContent(root);
        if (content != null) {
            return normalize(content, raw);
        }
        return record(root, () -> Events.contentId(raw));
    }

    /** One record; {@code fallbackId} gives an id for a record that carries none. */
    protected abstract ParseResult record(JsonNode record, Supplier<String> fallbackId) throws AdapterException;

    /** The content of a transport envelope around the records, or null when {@code obj} is no envelope. */
    protected JsonNode envelopeContent(JsonNode obj) throws AdapterException {
        return null;
    }

    /** Whether one raw input may hold several JSON values back to back (and be gzipped); default: one value. */
    protected boolean readsConcatenatedValues() {
        return false;
    }

    /** Normalizes several JSON values of one raw input (only for formats that {@link #readsConcatenatedValues}). */
    protected ParseResult normalizeValues(List<JsonNode> values, byte[] raw) throws AdapterException {
        throw new IllegalStateException(format() + " reads one JSON value per record");
    }

    /**
     * Normalizes every element of a batch (an EventList, an Event Hub {@code records} array): an element that
     * fails is reported in the skipped list with its reason (prefixed "rejected"), so its siblings still count.
     */
    protected final ParseResult each(JsonNode array) {
        ParseResult.Builder b = new ParseResult.Builder();
        int i = 0;
        for (JsonNode n : array) {
            try {
                if (!n.isObject()) {
                    b.skip("rejected item " + i + ": not a JSON object");
                } else {
                    b.add(record(n, () -> Events.contentId(n.toString())));
                }
            } catch (AdapterException e) {
                b.skip("rejected item " + i + ": " + e.getMessage());
            } catch (RuntimeException e) {
                b.skip("rejected item " + i + ": " + e.getClass().getSimpleName() + ": " + Json.firstLine(e.getMessage()));
            }
            i++;
        }
        return b.build();
    }

    /** Ensures the root is an object. */
    protected static JsonNode requireObject(JsonNode root, String what) throws AdapterException {
        if (!root.isObject()) {
            throw new AdapterException("expected a JSON object (" + what + "), got " + root.getNodeType());
        }
        return root;
    }

    /** {@link Json#parse} for content an adapter finds inside a record (a base64 Pub/Sub payload). */
    protected static JsonNode parseJson(byte[] raw) throws AdapterException {
        try {
            return Json.parse(raw);
        } catch (RecordException e) {
            throw AdapterException.of(e);
        }
    }
}
