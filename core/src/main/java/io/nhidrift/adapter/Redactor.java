package io.nhidrift.adapter;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets (API keys, bearer tokens, Authorization headers, signed-URL signatures) from
 * anything an adapter keeps, so they are never stored, emitted or shown in an alert.
 */
public final class Redactor {

    public static final String REDACTED = "[REDACTED]";

    private static final Set<String> SECRET_HEADERS = Set.of(
            "authorization", "proxy-authorization", "apikey", "api-key", "x-api-key", "cookie",
            "set-cookie", "x-amz-security-token", "x-auth-token", "x-access-token", "private-token",
            "x-goog-api-key", "x-functions-key");

    private static final Pattern SECRET_QUERY_PARAM = Pattern.compile(
            "(?i)([?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|id[_-]?token|refresh[_-]?token|auth|"
                    + "password|passwd|secret|client[_-]?secret|sig|signature|x-amz-signature|"
                    + "x-amz-security-token|x-amz-credential|code)=)[^&;#\\s\"]*");

    private static final Pattern[] SECRET_TEXT = {
        Pattern.compile("(?i)\\b(bearer|basic|token|digest)\\s+[A-Za-z0-9._~+/=-]{8,}"),
        Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
        Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}"),
        Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{30,}"),
        Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"),
        Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
        Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
        Pattern.compile("(?i)(aws_secret_access_key|secretAccessKey|client_secret|password)([\"']?\\s*[:=]\\s*[\"']?)[^\"'\\s,}]+"),
    };

    private Redactor() {}

    /**
     * A cheap pre-check (no regular expression, no allocation) that spares the patterns for the common, clean text:
     * true when the text contains, ignoring ASCII case, one of the fragments that every secret pattern above contains:
     * {@code = bearer basic token digest eyj gh github_pat aiza xox sk- secret passw}. Text without any is returned
     * as is; a new pattern needs its fragment here ({@code RedactorTest} checks the two agree on generated text).
     */
    public static boolean mayHoldSecret(String text) {
        int n = text.length();
        for (int i = 0; i < n - 1; i++) {
            char c = lower(text.charAt(i));
            if (c == '=') {
                return true;
            }
            char d = lower(text.charAt(i + 1)); // the second letter rules out most candidates without a region compare
            boolean hit = switch (c) {
                case 'b' -> d == 'e' ? at(text, i, "bearer") : d == 'a' && at(text, i, "basic");
                case 't' -> d == 'o' && at(text, i, "token");
                case 'd' -> d == 'i' && at(text, i, "digest");
                case 'e' -> d == 'y' && at(text, i, "eyj");
                case 'g' -> d == 'h' || (d == 'i' && at(text, i, "github_pat"));
                case 'a' -> d == 'i' && at(text, i, "aiza");
                case 'x' -> d == 'o' && at(text, i, "xox");
                case 's' -> d == 'k' ? at(text, i, "sk-") : d == 'e' && at(text, i, "secret");
                case 'p' -> d == 'a' && at(text, i, "passw");
                default -> false;
            };
            if (hit) {
                return true;
            }
        }
        return n > 0 && text.charAt(n - 1) == '=';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }

    private static boolean at(String text, int i, String marker) {
        return text.regionMatches(true, i, marker, 0, marker.length());
    }

    public static boolean isSecretHeader(String name) {
        return name != null && SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** A URL or path with the values of credential-bearing query parameters replaced. */
    public static String redactUrl(String url) {
        if (url == null || url.indexOf('=') < 0) {
            return url;
        }
        return SECRET_QUERY_PARAM.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    }

    /** Free text (a user agent, an error message) with anything that looks like a secret replaced. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        return applyPatterns(text);
    }

    /** Every pattern, without the pre-check (for the test that the pre-check never skips a secret). */
    static String applyPatterns(String text) {
        String out = redactUrl(text);
        for (Pattern p : SECRET_TEXT) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                out = m.groupCount() >= 2
                        ? m.replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED))
                        : m.groupCount() == 1
                                ? m.replaceAll("$1 " + Matcher.quoteReplacement(REDACTED))
                                : m.replaceAll(Matcher.quoteReplacement(REDACTED));
            }
        }
        return out;
    }
}
