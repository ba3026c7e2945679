package io.nhidrift.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    static boolean containsMarker(byte[] text) {
        for (byte[] m : MARKERS) {
            if (indexOf(text, m) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
