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
        Utf8.require(raw);
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
        long fast = utcMillis(value);
        if (fast != NOT_SIMPLE) {
            return fast;
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

    private static final long NOT_SIMPLE = Long.MIN_VALUE;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    /**
     * The common shape of audit-log times, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (years 1970–9999), read without the
     * {@code java.time} parser (a third of the CloudTrail mapping's time); anything else, including out-of-range
     * fields, is {@link #NOT_SIMPLE} and left to {@link Instant#parse}, which defines the result.
     */
    static long utcMillis(String v) {
        int n = v.length();
        if (n < 20 || n > 30 || v.charAt(n - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return NOT_SIMPLE;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return NOT_SIMPLE;
        }
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int monthDays = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
        if (day > monthDays) {
            return NOT_SIMPLE;
        }
        int millis = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (v.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return NOT_SIMPLE;
            }
            int f = digits(v, 20, Math.min(3, fractionDigits));
            if (f < 0 || (fractionDigits > 3 && digits(v, 23, fractionDigits - 3) < 0)) {
                return NOT_SIMPLE;
            }
            millis = fractionDigits == 1 ? f * 100 : fractionDigits == 2 ? f * 10 : f;
        } else if (v.charAt(19) != 'Z') {
            return NOT_SIMPLE;
        }
        long y = year - 1;
        long days = 365 * (y - 1969) + (y / 4 - 492) - (y / 100 - 19) + (y / 400 - 4)
                + DAYS_BEFORE_MONTH[month - 1] + (month > 2 && leap ? 1 : 0) + day - 1;
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The non-negative decimal number of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String v, int from, int len) {
        int x = 0;
        for (int i = from; i < from + len; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            x = x * 10 + (c - '0');
        }
        return x;
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
