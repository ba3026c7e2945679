package io.nhidrift.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;

/**
 * Lenient field access shared by the JSON adapters: case-insensitive fallback for keys (exporters such as
 * Panther lower-case them: {@code protopayload}, {@code calleripaddress}), dotted paths, and timestamps in
 * the shapes the sources use (ISO with or without zone, space instead of {@code T}, epoch s/ms/us/ns).
 */
public final class Fields {

    private Fields() {}

    /** The child named {@code name}, else the first child whose name equals it ignoring case, else null. */
    public static JsonNode get(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(name);
        if (v != null) {
            return v;
        }
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                return node.get(f);
            }
        }
        return null;
    }

    /** Follows a path of names with {@link #get}; null when any step is missing. */
    public static JsonNode path(JsonNode node, String... names) {
        JsonNode n = node;
        for (String p : names) {
            n = get(n, p);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** Follows a dotted path ({@code a.b.c}); an empty path is the node itself. */
    public static JsonNode dotted(JsonNode node, String dottedPath) {
        if (dottedPath == null || dottedPath.isEmpty()) {
            return node;
        }
        JsonNode n = node;
        int start = 0;
        while (n != null) {
            int dot = dottedPath.indexOf('.', start);
            String key = dot < 0 ? dottedPath.substring(start) : dottedPath.substring(start, dot);
            if (n.isArray() && !key.isEmpty() && key.chars().allMatch(Character::isDigit) && key.length() < 9) {
                n = n.get(Integer.parseInt(key));
            } else {
                n = get(n, key);
            }
            if (dot < 0) {
                return n;
            }
            start = dot + 1;
        }
        return null;
    }

    /** Scalar text at a path, or null when absent, null, empty or a container. */
    public static String text(JsonNode node, String... names) {
        return scalar(path(node, names));
    }

    public static String scalar(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /** The first non-null argument. */
    @SafeVarargs
    public static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The first non-null candidate, else the lazily computed fallback (so no id is hashed when the record has one). */
    public static String firstOr(java.util.function.Supplier<String> fallback, String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return fallback.get();
    }

    /** An integer value (number or numeric string), else null. */
    public static Long integer(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return (long) n.asDouble();
        }
        if (n.isTextual()) {
            String s = n.asText().trim();
            if (!s.isEmpty() && s.length() < 19 && isDigits(s)) {
                return Long.parseLong(s);
            }
        }
        return null;
    }

    /** Compact JSON of a container, the text of a scalar, null when absent. */
    public static String compact(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        return n.isContainerNode() ? n.toString() : scalar(n);
    }

    /**
     * Event time in epoch millis from a node: numbers (and digit strings) are epoch seconds, millis, micros
     * or nanos by magnitude; text is ISO-8601 (zone-less values are taken as UTC). Null when unreadable.
     */
    public static Long time(JsonNode n) {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? epochByMagnitude(n.asLong()) : epochByMagnitude(n.asDouble());
        }
        String s = n.asText().trim();
        if (s.isEmpty()) {
            return null;
        }
        if (isDigits(s) && s.length() < 20) {
            return epochByMagnitude(Long.parseLong(s));
        }
        return isoTime(s);
    }

    /** ISO-8601 with Z or offset, or zone-less (UTC); {@code T} or a space between date and time. */
    public static Long isoTime(String value) {
        if (value == null) {
            return null;
        }
        Long t = Json.isoMillis(value);
        if (t != null) {
            return t;
        }
        String v = value.trim();
        if (v.length() > 10 && v.charAt(10) == ' ') {
            v = v.substring(0, 10) + 'T' + v.substring(11);
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                if (v.length() == 10) {
                    return java.time.LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                }
            } catch (DateTimeParseException ignored) {
                // fall through
            }
            return null;
        }
    }

    static long epochByMagnitude(long v) {
        long a = Math.abs(v);
        if (a < 100_000_000_000L) { // seconds (until year 5138)
            return v * 1000;
        }
        if (a < 100_000_000_000_000L) { // millis
            return v;
        }
        if (a < 100_000_000_000_000_000L) { // micros
            return v / 1000;
        }
        return v / 1_000_000; // nanos
    }

    static long epochByMagnitude(double v) {
        double a = Math.abs(v);
        if (a < 1e11) {
            return Math.round(v * 1000);
        }
        return epochByMagnitude((long) v);
    }

    public static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Path of a URI or path, without query string and fragment; the path part of an absolute URL. */
    public static String pathOnly(String uri) {
        if (uri == null) {
            return null;
        }
        String p = uri;
        int scheme = p.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int h = p.indexOf('#');
        if (h >= 0) {
            p = p.substring(0, h);
        }
        return p.isEmpty() ? "/" : p;
    }
}
