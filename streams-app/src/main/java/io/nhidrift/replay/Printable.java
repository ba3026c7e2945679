package io.nhidrift.replay;

/**
 * Makes text taken from input safe to print on a terminal: control characters (C0, DEL, C1), line and paragraph
 * separators, bidirectional controls, byte order marks and surrogates (so also
 * astral characters) become {@code \\uXXXX} (tab, newline and carriage return {@code \\t},
 * {@code \\n}, {@code \\r}), a backslash is doubled, so a rejected record cannot move the cursor, recolour the
 * terminal or print a line of its own; long text is cut.
 */
public final class Printable {

    /** Longest text echoed from one input value. */
    static final int MAX_CHARS = 400;

    private Printable() {}

    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 16);
        for (int i = 0; i < s.length(); i++) {
            if (b.length() >= MAX_CHARS) {
                b.append("…(").append(s.length() - i).append(" more chars)");
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c
                || Character.isSurrogate(c) || c == 0xfeff;
    }
}
