package io.nhidrift.adapter;

/**
 * Input text made safe to echo on a terminal or in a log line: control characters (NUL, ESC and so ANSI escape
 * sequences, CR/LF that would forge a log line, DEL, C1), Unicode line separators and bidirectional overrides are
 * written as a backslash, {@code u} and four hex digits (CR, LF and TAB as {@code \\r \\n \\t}). Text with
 * none of them is returned as is.
 */
public final class Printable {

    private Printable() {}

    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        int n = s.length();
        while (i < n && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
    }
}
