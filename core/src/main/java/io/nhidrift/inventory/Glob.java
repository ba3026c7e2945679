package io.nhidrift.inventory;

import java.util.Locale;

/**
 * One grant or deny pattern of CONTRACT section 3: {@code *} matches any run of characters
 * (including {@code /} and {@code :}), {@code ?} exactly one. AWS-style actions and HTTP methods
 * match case-insensitively; HTTP paths ({@code GET /v1/*}) keep their case. Matching is a linear
 * two-pointer walk, no regular expressions.
 */
public final class Glob {

    private final String text;
    private final String normalized;
    private final boolean literal;

    public Glob(String text) {
        this.text = text;
        this.normalized = normalize(text);
        this.literal = normalized.indexOf('*') < 0 && normalized.indexOf('?') < 0;
    }

    /** The pattern as written in the inventory. */
    public String text() {
        return text;
    }

    /** The case-folded form patterns and actions are compared in. */
    public String normalized() {
        return normalized;
    }

    public boolean isLiteral() {
        return literal;
    }

    /** Whether the action (already {@link #normalize normalized}) matches. */
    public boolean matchesNormalized(String action) {
        return literal ? normalized.equals(action) : globMatch(normalized, action);
    }

    public boolean matches(String action) {
        return matchesNormalized(normalize(action));
    }

    /**
     * The comparison form of an action or a pattern: an HTTP-style string ({@code METHOD /path})
     * gets its method upper-cased and its path kept; anything else is lower-cased.
     */
    public static String normalize(String s) {
        int space = s.indexOf(' ');
        if (space > 0 && isMethodToken(s, space)) {
            return s.substring(0, space).toUpperCase(Locale.ROOT) + s.substring(space);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static boolean isMethodToken(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetter(c) || c == '*' || c == '?')) {
                return false;
            }
        }
        return end + 1 < s.length() && (s.charAt(end + 1) == '/' || s.charAt(end + 1) == '*');
    }

    /** Classic wildcard match with single backtrack point: O(pattern x text) worst case, linear in practice. */
    static boolean globMatch(String p, String t) {
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') { // a '*' is a wildcard even where the text has a '*'
                star = pi++;
                mark = ti;
            } else if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
