package io.nhidrift.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Records re-wrapped by log shippers, unwrapped before the format's adapter sees them (one mechanism for
 * every format): a record inside a {@code log} field (Fluent Bit, Docker, Panther-style fixtures: an object or
 * a JSON string), inside a {@code message} field holding JSON text (Logstash, syslog bridges), and CloudWatch
 * Logs subscription batches ({@code {"messageType":"DATA_MESSAGE","logEvents":[{"message":"<json>"},…]}},
 * gzip as Firehose delivers them). A record with none of these shapes reaches the adapter byte for byte.
 *
 * <p>Cheap when there is nothing to unwrap: the record is parsed here only when its bytes contain one of
 * the three field names.
 */
public final class ShipperEnvelope implements LogAdapter {

    /** Expanded size limit of a gzip envelope (a larger one is rejected, never held in memory). */
    static final int MAX_GUNZIPPED = 64 * 1024 * 1024;
    private static final int MAX_DEPTH = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[][] MARKERS = {bytes("\"log\""), bytes("\"message\""), bytes("\"logEvents\"")};

    private final LogAdapter inner;

    public ShipperEnvelope(LogAdapter inner) {
        this.inner = inner;
    }

    @Override
    public String format() {
        return inner.format();
    }

    @Override
    public ParseResult parse(byte[] raw) throws AdapterException {
        return parse(raw, 0);
    }

    private ParseResult parse(byte[] raw, int depth) throws AdapterException {
        byte[] text = raw != null && raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b ? gunzip(raw) : raw;
        if (depth >= MAX_DEPTH || text == null || !containsMarker(text)) {
            return inner.parse(raw);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            return inner.parse(raw); // not one JSON value: the adapter reports it
        }
        if (root == null || !root.isObject()) {
            return inner.parse(raw);
        }
        JsonNode batch = root.get("logEvents");
        if (batch != null && batch.isArray()) {
            if ("CONTROL_MESSAGE".equals(root.path("messageType").asText())) {
                return ParseResult.skip("CloudWatch Logs control message (no log events)");
            }
            return batch(batch, depth);
        }
        byte[] wrapped = wrapped(root.get("log"));
        if (wrapped == null) {
            JsonNode message = root.get("message");
            wrapped = message != null && message.isTextual() && message.asText().trim().startsWith("{")
                    ? message.asText().getBytes(StandardCharsets.UTF_8) : null;
        }
        return wrapped == null ? inner.parse(raw) : parse(wrapped, depth + 1);
    }

    private ParseResult batch(JsonNode batch, int depth) throws AdapterException {
        ParseResult.Builder out = new ParseResult.Builder();
        int failed = 0;
        String firstFailure = null;
        for (int i = 0; i < batch.size(); i++) {
            JsonNode m = batch.get(i).get("message");
            if (m == null || !m.isTextual()) {
                out.skip("logEvents[" + i + "] has no message text");
                continue;
            }
            try {
                out.add(parse(m.asText().getBytes(StandardCharsets.UTF_8), depth + 1));
            } catch (AdapterException e) {
                failed++;
                firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
                out.skip("logEvents[" + i + "] unreadable: " + e.getMessage());
            }
        }
        if (batch.size() > 0 && failed == batch.size()) {
            throw new AdapterException("no readable record in " + failed + " logEvents (first: " + firstFailure + ")");
        }
        return out.build();
    }

    /** The record inside a {@code log} field: an object, or a string holding one. */
    private static byte[] wrapped(JsonNode log) {
        if (log == null) {
            return null;
        }
        if (log.isObject()) {
            try {
                return MAPPER.writeValueAsBytes(log);
            } catch (IOException e) {
                return null;
            }
        }
        return log.isTextual() && log.asText().trim().startsWith("{") ? log.asText().getBytes(StandardCharsets.UTF_8) : null;
    }

    /**
     * Whether the bytes hold a field that may wrap a record: {@code "log"} followed by an object or by a string
     * that starts like one, {@code "message"} followed by such a string, or {@code "logEvents"} followed by an
     * array. Everything else (an OCSF {@code "message"} of plain text, a nested field of that name) is decided
     * here, without parsing, so only records that look wrapped are parsed twice.
     */
    static boolean containsMarker(byte[] text) {
        // one pass over the quotes (the hot path: every record of every format comes through here), not a search
        // per marker; a marker's second byte ('l' or 'm') rules out almost every quote, and eight positions without
        // a quote followed by one of them are passed over at once
        int last = text.length - MARKERS[0].length;
        int at = 0;
        while (at <= last) {
            if (at + 1 + Long.BYTES <= text.length
                    && !quoteBeforeLOrM((long) LONGS.get(text, at), (long) LONGS.get(text, at + 1))) {
                at += Long.BYTES;
                continue;
            }
            for (int end = Math.min(at + Long.BYTES, last + 1); at < end; at++) {
                if (text[at] != '"') {
                    continue;
                }
                byte next = text[at + 1];
                if ((next == 'l' && (valueStartsLike(text, at, MARKERS[0], true) || valueStartsLike(text, at, MARKERS[2], false)))
                        || (next == 'm' && valueStartsLike(text, at, MARKERS[1], false))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long LS = 0x6c6c6c6c6c6c6c6cL;
    private static final long MS = 0x6d6d6d6d6d6d6d6dL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Whether one of eight positions may hold {@code '"'} followed by {@code 'l'} or {@code 'm'}: {@code here} holds
     * the bytes at the positions, {@code next} those one further. Each test is the classic zero-byte test on a word
     * XOR eight copies of the byte, which flags every real match (and may flag a byte above one), so the answer is
     * never a false no; a yes is then read byte by byte.
     */
    private static boolean quoteBeforeLOrM(long here, long next) {
        return (zeroBytes(here ^ QUOTES) & (zeroBytes(next ^ LS) | zeroBytes(next ^ MS))) != 0;
    }

    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** Whether {@code name} (quotes included) is at {@code at}, followed by a colon and a value that may wrap a record. */
    private static boolean valueStartsLike(byte[] text, int at, byte[] name, boolean objectAllowed) {
        if (!startsWith(text, at, name)) {
            return false;
        }
        int i = skipSpace(text, at + name.length);
        if (i >= text.length || text[i] != ':') {
            return false;
        }
        i = skipSpace(text, i + 1);
        if (i >= text.length) {
            return false;
        }
        byte c = text[i];
        return name == MARKERS[2] ? c == '[' : (objectAllowed && c == '{') || (c == '"' && startsObject(text, i + 1));
    }

    private static boolean startsWith(byte[] text, int at, byte[] name) {
        if (at + name.length > text.length) {
            return false;
        }
        for (int j = 0; j < name.length; j++) {
            if (text[at + j] != name[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the JSON string content at {@code i} starts (after blanks) with an escaped or plain {@code {}. */
    private static boolean startsObject(byte[] text, int i) {
        int j = i;
        while (j < text.length && (text[j] == ' ' || (text[j] == '\\' && j + 1 < text.length
                && (text[j + 1] == 'n' || text[j + 1] == 't' || text[j + 1] == 'r')))) {
            j += text[j] == '\\' ? 2 : 1;
        }
        return j < text.length && text[j] == '{';
    }

    private static int skipSpace(byte[] text, int i) {
        while (i < text.length && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static byte[] gunzip(byte[] raw) throws AdapterException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(raw.length * 4, MAX_GUNZIPPED));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_GUNZIPPED) {
                    throw new AdapterException("gzip record expands beyond " + MAX_GUNZIPPED + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null; // let the adapter report the broken gzip as it always did
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
