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

    /** A cheap pre-check (no regular expression) that spares the patterns for the common, clean text. */
    static boolean mayHoldSecret(String text) {
        String l = text.toLowerCase(java.util.Locale.ROOT);
        for (String m : MARKERS) {
            if (l.contains(m)) {
                return true;
            }
        }
        return false;
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

    /** Lower-case fragments one of which every secret pattern above contains; text without any is returned as is. */
    private static final String[] MARKERS = {"=", "bearer", "basic", "token", "digest", "eyj", "gh", "aiza", "xox",
        "sk-", "secret", "passw"};

    /** Free text (a user agent, an error message) with anything that looks like a secret replaced. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
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
