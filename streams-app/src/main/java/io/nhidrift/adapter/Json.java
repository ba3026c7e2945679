package io.nhidrift.adapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** JSON reading shared by the adapters: bounded parser, null-safe field access, timestamps. */
public final class Json {

    /** Largest raw record accepted (bytes); larger ones are dead-lettered, not parsed. */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
    /** Deepest nesting accepted; hostile input nested deeper is rejected by the parser. */
    public static final int MAX_DEPTH = 200;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_RECORD_BYTES)
                    .build())
            .build());

    private Json() {}

    /** Parses a raw record, turning every failure into an {@link AdapterException} with a reason. */
    public static JsonNode parse(byte[] raw) throws AdapterException {
        if (raw == null || raw.length == 0) {
            throw new AdapterException("empty record");
        }
        if (raw.length > MAX_RECORD_BYTES) {
            throw new AdapterException("record of " + raw.length + " bytes exceeds the limit of " + MAX_RECORD_BYTES);
        }
        try {
            JsonNode node = MAPPER.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw new AdapterException("empty record");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            throw new AdapterException("invalid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** Text of a field path, or null when absent, null or not a scalar. */
    public static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /** Parses an ISO-8601 instant (with Z or an offset, also a space instead of T), else null. */
    public static Long isoMillis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > 10 && v.charAt(10) == ' ') {
            v = v.substring(0, 10) + 'T' + v.substring(11);
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    public static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
