package io.nhidrift.adapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Removes secrets from anything an adapter keeps, so they are never stored, emitted, shown in an alert or echoed in
 * a rejection reason: tokens (GitHub, GitLab, npm, Slack, Google, JWTs, AWS session tokens), AWS secret access keys,
 * Authorization header values, PEM private keys, passwords in URLs and credential-bearing key=value pairs and query
 * parameters ({@link SecretPatterns}, {@link HighEntropyKeys}). A secret becomes {@code [REDACTED:<kind>]}.
 *
 * <p>Most values hold no secret, so {@link #mayHoldSecret} decides with one allocation-free scan whether the
 * patterns need to run at all, and which of them: only the rules whose fragment the text holds run.
 */
public final class Redactor {

    /** How every marker starts; a marker is {@code [REDACTED:<kind>]}, e.g. {@code [REDACTED:github-pat]}. */
    public static final String REDACTED = SecretPatterns.PREFIX;

    private static final Set<String> SECRET_HEADERS = Set.of(
            "authorization", "proxy-authorization", "apikey", "api-key", "x-api-key", "cookie",
            "set-cookie", "x-amz-security-token", "x-auth-token", "x-access-token", "private-token",
            "x-goog-api-key", "x-functions-key");

    private Redactor() {}

    /**
     * A cheap pre-check (no regular expression, no allocation) that spares the patterns for the common, clean text:
     * true when the text contains, ignoring ASCII case, a fragment that every secret pattern contains:
     * {@code = … bearer basic token digest eyj gh[pousr]_ github_pat aiza xox xapp- sk- secret passw api_ apik api-k
     * passp private authoriz signat npm_ gl<kind>- iqoj fwog fqog hooks.slack -----begin}, {@code ://} with an {@code @}
     * before the next {@code /}, an upper-case {@code AKIA}/{@code ASIA} with room for a secret after it, or a run
     * of 40 or more base64 characters (and {@code %}) mixing upper case, lower case and digits. Text without any is
     * returned as is; a new pattern needs its fragment here ({@code RedactorTest} checks the two agree on generated
     * text).
     */
    public static boolean mayHoldSecret(String text) {
        return families(text) != 0;
    }

    /**
     * The pre-check's answer in detail: a bit per family of {@link SecretPatterns} rules whose fragment the text
     * holds ({@code SecretPatterns.EQ}, {@code .KEY}, …), 0 for clean text; only the rules of those families run.
     */
    static int families(String text) {
        int n = text.length();
        int found = 0;
        int run = 0;
        int classes = 0;
        for (int i = 0; i < n; i++) {
            char raw = text.charAt(i);
            if (raw >= ASCII) {
                run = 0;
                classes = 0;
                if (raw == '\u2026') { // '…' where a reason was cut inside a token
                    found |= SecretPatterns.CUT;
                }
                continue; // no marker starts with a character outside ASCII
            }
            int kind = CHAR_KIND[raw];
            if ((kind & IN_RUN) != 0) {
                run++;
                classes |= kind & CLASSES;
                if (run >= HighEntropyKeys.LENGTH && classes == CLASSES) {
                    found |= SecretPatterns.RUN40;
                }
            } else {
                run = 0;
                classes = 0;
                if (raw == '=') {
                    found |= SecretPatterns.EQ;
                }
            }
            long seconds = SECOND_CHARS[raw];
            if (seconds != 0 && i + 1 < n) {
                char d = lower(text.charAt(i + 1));
                if ((seconds >>> (d & 63) & 1) != 0) {
                    found |= marker(text, i, lower(raw), d);
                }
            }
        }
        return found;
    }

    private static final int ASCII = 128;
    /** {@link #CHAR_KIND} bits: upper case, lower case, digit (as the run's {@code classes}), and part of a run. */
    private static final int CLASSES = 7;
    private static final int IN_RUN = 8;
    private static final byte[] CHAR_KIND = new byte[ASCII];
    /**
     * Per ASCII character that may start a marker (either case), the second characters {@link #marker} accepts
     * after it, as bits {@code 1L << (d & 63)} of the lower-cased second character {@code d}: a filter that lets
     * {@link #marker} run only where it may answer; bits that collide under {@code & 63} only let more through.
     */
    private static final long[] SECOND_CHARS = new long[ASCII];

    static {
        for (char c = 0; c < ASCII; c++) {
            int k = c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? 2 : c >= '0' && c <= '9' ? 4 : 0;
            CHAR_KIND[c] = (byte) (k | (HighEntropyKeys.inRun(c) ? IN_RUN : 0));
        }
        String[] pairs = {"be", "ba", "to", "di", "ey", "gh", "gi", "gl", "ai", "ap", "au", "ak", "as", "xo", "xa",
            "sk", "se", "si", "pa", "pr", "np", "iq", "fw", "fq", "ho", "--", ":/"};
        for (String p : pairs) {
            long bit = 1L << (p.charAt(1) & 63);
            SECOND_CHARS[p.charAt(0)] |= bit;
            if (p.charAt(0) >= 'a' && p.charAt(0) <= 'z') {
                SECOND_CHARS[p.charAt(0) - 'a' + 'A'] |= bit;
            }
        }
    }

    /** The family of the marker that starts at {@code i}, else 0; {@code c}, {@code d}: its first two characters, lower-cased. */
    private static int marker(String text, int i, char c, char d) {
        // the second letter rules out most candidates without a region compare
        return switch (c) {
            case 'b' -> (d == 'e' ? at(text, i, "bearer") : d == 'a' && at(text, i, "basic")) ? SecretPatterns.AUTH : 0;
            case 't' -> d == 'o' && at(text, i, "token") ? SecretPatterns.AUTH | SecretPatterns.KEY : 0;
            case 'd' -> d == 'i' && at(text, i, "digest") ? SecretPatterns.AUTH : 0;
            case 'e' -> d == 'y' && at(text, i, "eyj") ? SecretPatterns.JWT : 0;
            case 'g' -> (d == 'h' ? gitHubPrefix(text, i) : d == 'i' && at(text, i, "github_pat")) ? SecretPatterns.GITHUB
                    : d == 'l' && gitLabPrefix(text, i) ? SecretPatterns.GITLAB : 0;
            case 'a' -> d == 'i' ? (at(text, i, "aiza") ? SecretPatterns.GOOGLE : 0)
                    : d == 'p' ? (at(text, i, "api_") || at(text, i, "apik") || at(text, i, "api-k") ? SecretPatterns.KEY : 0)
                    : d == 'u' ? (at(text, i, "authoriz") ? SecretPatterns.KEY : 0)
                    : (d == 'k' || d == 's') && awsKeyIdWithRoom(text, i) ? SecretPatterns.AWS_PAIR : 0;
            case 'x' -> (d == 'o' ? at(text, i, "xox") : d == 'a' && at(text, i, "xapp-")) ? SecretPatterns.SLACK : 0;
            case 's' -> d == 'k' ? (at(text, i, "sk-") ? SecretPatterns.OPENAI : 0)
                    : (d == 'e' ? at(text, i, "secret") : d == 'i' && at(text, i, "signat")) ? SecretPatterns.KEY : 0;
            case 'p' -> (d == 'a' ? at(text, i, "passw") || at(text, i, "passp") : d == 'r' && at(text, i, "private"))
                    ? SecretPatterns.KEY : 0;
            case 'n' -> d == 'p' && at(text, i, "npm_") ? SecretPatterns.NPM : 0;
            case 'i' -> d == 'q' && at(text, i, "iqoj") ? SecretPatterns.SESSION : 0;
            case 'f' -> (d == 'w' || d == 'q') && at(text, i + 2, "og") ? SecretPatterns.SESSION : 0;
            case 'h' -> d == 'o' && at(text, i, "hooks.slack") ? SecretPatterns.HOOK : 0;
            case '-' -> d == '-' && at(text, i, "-----begin") ? SecretPatterns.PEM : 0;
            case ':' -> d == '/' && urlWithUserInfo(text, i) ? SecretPatterns.URL : 0;
            default -> 0;
        };
    }

    /** {@code ghp_ gho_ ghu_ ghs_ ghr_}. */
    private static boolean gitHubPrefix(String text, int i) {
        return i + 3 < text.length() && "pousrPOUSR".indexOf(text.charAt(i + 2)) >= 0 && text.charAt(i + 3) == '_';
    }

    /** {@code glpat- glptt- gldt- glrt- glcbt- glsoat- glimt- glffct- glagent-}: letters after {@code gl}, then a dash. */
    private static boolean gitLabPrefix(String text, int i) {
        int n = Math.min(text.length(), i + 8);
        for (int j = i + 2; j < n; j++) {
            char c = text.charAt(j);
            if (c == '-') {
                return j > i + 3;
            }
            if (lower(c) < 'a' || lower(c) > 'z') {
                return false;
            }
        }
        return false;
    }

    /** An upper-case {@code AKIA}/{@code ASIA} key id with room after it for a separator and a 40-character secret. */
    private static boolean awsKeyIdWithRoom(String text, int i) {
        return text.length() - i >= 61 && (text.startsWith("AKIA", i) || text.startsWith("ASIA", i));
    }

    /** {@code ://} followed by an {@code @} before the next {@code /} or white space (user info). */
    private static boolean urlWithUserInfo(String text, int i) {
        if (!text.startsWith("://", i)) {
            return false;
        }
        for (int j = i + 3; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '@') {
                return true;
            }
            if (c == '/' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }

    /**
     * {@code text.regionMatches(true, i, marker, …)} for a lower-case ASCII marker, comparing ASCII characters
     * directly; a character outside ASCII (which may still match under Unicode case folding, e.g. the Kelvin sign)
     * is left to {@code regionMatches}, so the answer is always the same as its.
     */
    private static boolean at(String text, int i, String marker) {
        int length = marker.length();
        if (i < 0 || i + length > text.length()) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            char t = text.charAt(i + j);
            if (lower(t) != marker.charAt(j)) {
                return t >= ASCII && text.regionMatches(true, i, marker, 0, length);
            }
        }
        return true;
    }

    public static boolean isSecretHeader(String name) {
        return name != null && SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A URL or path with the values of credential-bearing query parameters replaced. */
    public static String redactUrl(String url) {
        if (url == null || url.indexOf('=') < 0) {
            return url;
        }
        return SecretPatterns.query(url);
    }

    /** Free text (a user agent, an error message, a path) with anything that looks like a secret replaced. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int families = families(text);
        return families == 0 ? text : patterns(text, families);
    }

    /** A text the patterns ran on, and what they gave (the text itself when they found nothing). */
    private record Ran(String text, String result) {}

    /** Texts up to this length have the patterns' answer remembered. */
    private static final int REMEMBERED_LENGTH = 256;
    /**
     * The latest texts the patterns ran on, by hash (direct-mapped, shared by all threads without locking: a slot
     * holds an immutable pair or null, and a pair found for another text is simply not used). The texts that pass
     * the pre-check are mostly a few recurring names ({@code secrets:get}, {@code secretmanager.versions.access},
     * a path ending in {@code /secrets}); remembering them spares running the regular expressions on every event.
     */
    private static final Ran[] RAN = new Ran[1024];

    private static String patterns(String text, int families) {
        if (text.length() > REMEMBERED_LENGTH) {
            return SecretPatterns.apply(text, families);
        }
        int h = text.hashCode();
        int slot = (h ^ (h >>> 16)) & (RAN.length - 1);
        Ran ran = RAN[slot];
        if (ran != null && ran.text().equals(text)) {
            return ran.result() == ran.text() ? text : ran.result();
        }
        String result = SecretPatterns.apply(text, families);
        RAN[slot] = new Ran(text, result.equals(text) ? text : result);
        return result;
    }

    /**
     * An identifier (credential id, event id) with any secret in it replaced as {@link #redactText} does, plus
     * {@code #} and a short hash of the original value when something was replaced, so two different identifiers
     * stay two (a hash of 32 bits tells identifiers apart; it does not give a secret back).
     */
    public static String redactIdentifier(String id) {
        String r = redactText(id);
        if (r == null || r.equals(id)) {
            return id;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return r + '#' + HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every pattern, without the pre-check (for the test that the pre-check never skips a secret). */
    static String applyPatterns(String text) {
        return SecretPatterns.apply(text, SecretPatterns.ALL);
    }
}
