package io.nhidrift.adapter;

/**
 * Free-standing 40-character secrets in the AWS secret-access-key shape: 40 characters of the base64 alphabet
 * ({@code A-Z a-z 0-9 + /}; in URLs also percent-encoded {@code %2B %2F}), mixing upper case, lower case and digits,
 * with at least {@link #MIN_DISTINCT} distinct characters (a random key has about 30; words, paths and hex digests
 * have far fewer or lack a class), not followed by {@code =} (then it is part of a longer base64 value).
 *
 * <p>Two readings of a run of such characters: the whole run, when it stands alone as a token (delimited by
 * white space, quotes, {@code = : , ; | ( ) [ ] { } < >} or the ends of the text, and not starting or ending with
 * {@code /}); and inside a path, any span from a {@code /} (or the run's start) to a later {@code /} (or the run's
 * end), so a key is found as a path segment, or as the last part of {@code bucket/key} or {@code namespace/name}
 * with {@code /} characters of its own.
 *
 * <p>gitleaks has no free-standing rule for this shape (its {@code aws-access-token} rule takes the key id); this is
 * nhi-drift's own, because a raw secret access key pasted into a field is the leak that matters most here.
 */
final class HighEntropyKeys {

    static final int LENGTH = 40;
    static final int MIN_DISTINCT = 20;
    private static final String KIND = "aws-secret-access-key";

    private HighEntropyKeys() {}

    /** Part of a run: the base64 alphabet and {@code %} (percent-encoding is checked per candidate). */
    static boolean inRun(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '%';
    }

    static String redact(String text) {
        StringBuilder out = null;
        int last = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!inRun(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && inRun(text.charAt(i))) {
                i++;
            }
            int end = i;
            if (end - start < LENGTH) {
                continue;
            }
            if (standsAlone(text, start, end) && isKey(text, start, end)) {
                out = append(out, text, last, start);
                last = end;
                continue;
            }
            // a key inside a path: the span between two '/' (or the run's ends) that is key-shaped, leftmost first
            int from = start;
            while (from < end) {
                int to = keyEndingAtSlash(text, from, end);
                if (to > 0) {
                    out = append(out, text, last, from);
                    last = to;
                    from = to;
                }
                int slash = text.indexOf('/', from);
                if (slash < 0 || slash >= end) {
                    break;
                }
                from = slash + 1;
            }
        }
        return out == null ? text : out.append(text, last, n).toString();
    }

    /** The end of a key-shaped span that starts at {@code from} and ends at a '/' or at {@code end}, else -1. */
    private static int keyEndingAtSlash(String text, int from, int end) {
        int maxEnd = Math.min(end, from + 3 * LENGTH); // %2F takes three characters for one
        for (int to = from + LENGTH; to <= maxEnd; to++) {
            if ((to == end || text.charAt(to) == '/') && isKey(text, from, to)) {
                return to;
            }
        }
        return -1;
    }

    private static StringBuilder append(StringBuilder out, String text, int last, int from) {
        StringBuilder b = out == null ? new StringBuilder(text.length()) : out;
        return b.append(text, last, from).append(SecretPatterns.marker(KIND));
    }

    private static boolean standsAlone(String text, int start, int end) {
        return text.charAt(start) != '/' && text.charAt(end - 1) != '/'
                && (start == 0 || delimiter(text.charAt(start - 1))) && (end == text.length() || delimiter(text.charAt(end)));
    }

    private static boolean delimiter(char c) {
        return Character.isWhitespace(c) || "\"'=:,;|()[]{}<>".indexOf(c) >= 0;
    }

    /** Whether text[from, to) decodes to a key-shaped 40-character value not followed by {@code =}. */
    static boolean isKey(String text, int from, int to) {
        if (to < text.length() && text.charAt(to) == '=') {
            return false;
        }
        long seenLow = 0;
        long seenHigh = 0;
        int classes = 0;
        int length = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    return false;
                }
                char h = text.charAt(i + 1);
                char l = Character.toUpperCase(text.charAt(i + 2));
                if (h != '2' || (l != 'B' && l != 'F')) {
                    return false;
                }
                c = l == 'B' ? '+' : '/';
                i += 2;
            }
            classes |= c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? 2 : c >= '0' && c <= '9' ? 4 : 0;
            if (c < 64) {
                seenLow |= 1L << c;
            } else {
                seenHigh |= 1L << (c - 64);
            }
            if (++length > LENGTH) {
                return false;
            }
        }
        return length == LENGTH && classes == 7 && Long.bitCount(seenLow) + Long.bitCount(seenHigh) >= MIN_DISTINCT;
    }
}
