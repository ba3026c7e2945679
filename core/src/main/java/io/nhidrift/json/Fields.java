package io.nhidrift.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Field access on parsed JSON, the one way: null-safe, with a case-insensitive fallback for keys (exporters such
 * as Panther lower-case them: {@code protopayload}, {@code eventname}), dotted paths, and scalar conversions.
 * Lookups by one name allocate nothing; the varargs forms are for paths.
 */
public final class Fields {

    private Fields() {}

    /** The child named {@code name}, else the first child whose name equals it ignoring case, else null. */
    public static JsonNode get(JsonNode node, String name) {
        return field(node, name, true);
    }

    /** The child named exactly {@code name}, else (only when {@code caseInsensitive}) one named so ignoring case. */
    public static JsonNode field(JsonNode node, String name, boolean caseInsensitive) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(name);
        if (v != null || !caseInsensitive || !node.isObject()) {
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

    /** Follows a dotted path ({@code a.b.c}, array elements by index); an empty path is the node itself. */
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

    /** Scalar text of the child {@code name} ({@link #get}), or null when absent, null, empty or a container. */
    public static String text(JsonNode node, String name) {
        return scalar(get(node, name));
    }

    /** Scalar text at a path of names ({@link #path}), or null when absent, null, empty or a container. */
    public static String text(JsonNode node, String... names) {
        return scalar(path(node, names));
    }

    /** Scalar text of a child looked up by {@link #field}, or null when absent, null, empty or a container. */
    public static String text(JsonNode node, String name, boolean caseInsensitive) {
        return scalar(field(node, name, caseInsensitive));
    }

    /**
     * Text of the child named exactly {@code name} as written, empty text included (the entitlement exports'
     * reading); null when absent, null or a container.
     */
    public static String textAsIs(JsonNode node, String name) {
        JsonNode v = node == null ? null : node.get(name);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** The text of a scalar node, or null when absent, null, missing, empty or a container. */
    public static String scalar(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
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

    /** A string or a list of strings as a list; null/absent as empty. */
    public static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> {
                if (e != null && !e.isNull() && !e.isContainerNode()) {
                    out.add(e.asText());
                }
            });
        } else if (!n.isContainerNode()) {
            out.add(n.asText());
        }
        return out;
    }

    /** A value that may be an object or a list of objects, as a list. */
    public static List<JsonNode> objects(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> {
                if (e != null && e.isObject()) {
                    out.add(e);
                }
            });
        } else if (n.isObject()) {
            out.add(n);
        }
        return out;
    }

    /** The first non-null argument (the first field present among alternatives). */
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
    public static String firstOr(Supplier<String> fallback, String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return fallback.get();
    }

    /** True for a non-empty string of ASCII digits. */
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
}
