package io.nhidrift.adapter;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret shapes {@link Redactor} removes, most specific first, each replaced by a marker naming its kind
 * ({@code [REDACTED:github-pat]}) so an analyst knows what leaked, and nothing else: the marker is a function of the
 * kind only, so redacted text (and the alert ids hashed from it) is deterministic.
 *
 * <p>The token shapes follow the maintained gitleaks rule set ({@code config/gitleaks.toml}: rule ids
 * {@code private-key}, {@code slack-webhook-url}, {@code github-pat}, {@code github-oauth}, {@code github-app-token},
 * {@code github-refresh-token}, {@code github-fine-grained-pat}, {@code gitlab-pat}, {@code npm-access-token},
 * {@code slack-*-token}, {@code gcp-api-key}, {@code jwt}, {@code aws-access-token}), written here from knowledge of
 * that reference (it is not vendored; the GitLab rule was checked against gitleaks'
 * {@code cmd/generate/config/rules/gitlab.go}); the kind names in the markers are those rule ids. Lengths are lower bounds where
 * gitleaks has exact ones, so truncated or future-longer tokens still go. AWS access key ids ({@code AKIA…},
 * {@code ASIA…}) are not secrets here: they are the credential id of CONTRACT section 2 and stay; a 40-character
 * secret next to one does not ({@link HighEntropyKeys} also takes free-standing ones).
 *
 * <p>Every rule belongs to a family whose fragment any text it changes contains; {@link Redactor#families} finds the
 * fragments, and only the rules of the families found run. A new rule needs its fragment there ({@code RedactorTest}
 * checks on generated text that running only those rules gives what running all of them gives).
 */
final class SecretPatterns {

    static final String PREFIX = "[REDACTED";

    /** Families of rules, one bit each, by the fragment {@link Redactor#families} finds for them. */
    static final int EQ = 1;
    static final int KEY = 1 << 1;
    static final int AUTH = 1 << 2;
    static final int GITHUB = 1 << 3;
    static final int GITLAB = 1 << 4;
    static final int NPM = 1 << 5;
    static final int SLACK = 1 << 6;
    static final int GOOGLE = 1 << 7;
    static final int JWT = 1 << 8;
    static final int OPENAI = 1 << 9;
    static final int SESSION = 1 << 10;
    static final int AWS_PAIR = 1 << 11;
    static final int PEM = 1 << 12;
    static final int HOOK = 1 << 13;
    static final int URL = 1 << 14;
    static final int RUN40 = 1 << 15;
    static final int CUT = 1 << 16;
    static final int ALL = (1 << 17) - 1;

    /** The marker that replaces a secret of {@code kind}. */
    static String marker(String kind) {
        return "[REDACTED:" + kind + "]";
    }

    /**
     * One shape: a pattern and the kind of what it finds. The group named {@code s} is the secret and the rest of the
     * match (a key name, a scheme, a URL's user) stays; without that group the whole match is the secret.
     */
    private record Rule(int family, Pattern pattern, boolean part, Function<MatchResult, String> kind) {
        String apply(String text) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            int last = 0;
            do {
                out.append(text, last, part ? m.start("s") : m.start()).append(marker(kind.apply(m)));
                last = part ? m.end("s") : m.end();
            } while (m.find());
            return out.append(text, last, text.length()).toString();
        }
    }

    private static Rule rule(int family, String regex, String kind) {
        return rule(family, regex, m -> kind);
    }

    private static Rule rule(int family, String regex, Function<MatchResult, String> kind) {
        return new Rule(family, Pattern.compile(regex), regex.contains("(?<s>"), kind);
    }

    /** Value of a key=value pair that is not already a marker nor an Authorization scheme (taken by its own rule). */
    private static final String VALUE = "(?!\\[REDACTED|(?i:bearer|basic|token|digest)\\s)(?<s>[^\\s\"'&;,}<>]+)";

    private static final String NOT_AFTER_ALNUM = "(?<![A-Za-z0-9])";

    /** {@code ?key=value} query parameters that carry credentials (signed URLs, API keys, OAuth codes). */
    private static final Rule QUERY = rule(EQ, "(?i)[?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|id[_-]?token|refresh[_-]?token|auth|password|passwd"
                + "|pwd|secret|client[_-]?secret|sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential|code)="
                + "(?!\\[REDACTED)(?<s>[^&;#\\s\"]+)", "query-param");

    private static final List<Rule> RULES = List.of(
        // private-key: a PEM block, or what is left of it when the text was cut
        rule(PEM, "(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
                + "(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|\\z)", "private-key"),
        // slack-webhook-url: the path after the host is the secret
        rule(HOOK, "(?i)hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<s>[A-Za-z0-9+/_-]+)", "slack-webhook-url"),
        // user:password@ in a URL: the password goes, the user stays
        rule(URL, "(?i)\\b[a-z][a-z0-9+.-]{1,20}://[^\\s/:@?#]*:(?!\\[REDACTED)(?<s>[^\\s/@]+)@", "url-password"),
        rule(GITHUB, NOT_AFTER_ALNUM + "(gh[pousr])_[A-Za-z0-9]{30,}", m -> switch (m.group(1).charAt(2)) {
            case 'p' -> "github-pat";
            case 'o' -> "github-oauth";
            case 'r' -> "github-refresh-token";
            default -> "github-app-token";
        }),
        rule(GITHUB, NOT_AFTER_ALNUM + "github_pat_[A-Za-z0-9_]{30,}", "github-fine-grained-pat"),
        rule(GITLAB, NOT_AFTER_ALNUM + "(gl(?:pat|ptt|dt|rt|cbt|soat|imt|ffct|agent))-[0-9A-Za-z_-]{20,}",
                m -> m.group(1).equals("glpat") ? "gitlab-pat" : "gitlab-token"),
        rule(NPM, NOT_AFTER_ALNUM + "npm_[A-Za-z0-9]{36,}", "npm-access-token"),
        rule(SLACK, NOT_AFTER_ALNUM + "(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{10,}", "slack-token"),
        rule(GOOGLE, "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}", "gcp-api-key"),
        rule(JWT, "eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", "jwt"),
        rule(OPENAI, "\\bsk-[A-Za-z0-9_-]{20,}", "openai-api-key"),
        // AWS session tokens (STS): base64 of the token's fixed header, distinctive enough alone
        rule(SESSION, "(?<![A-Za-z0-9+])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9+/=%]*", "aws-session-token"),
        // a 40-character secret access key next to its key id (aws_access_key_id/aws_secret_access_key pairs, CSV exports)
        rule(AWS_PAIR, "(?:AKIA|ASIA)[A-Z0-9]{16}[^A-Za-z0-9+/]{1,4}(?<s>[A-Za-z0-9+/]{40})(?![A-Za-z0-9+/=])", "aws-secret-access-key"),
        // Authorization header values
        rule(AUTH, "(?i)\\b(?:bearer|basic|token|digest)\\s+(?!\\[REDACTED)(?<s>[A-Za-z0-9._~+/=-]{8,})", "authorization"),
        QUERY,
        // unambiguous credential key names, key: value or key=value (JSON, YAML, env files, headers)
        rule(KEY, "(?i)" + NOT_AFTER_ALNUM + "(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token"
                + "|security_?token|client_?secret|password|passwd|api_?key|x-api-key|access_?token|refresh_?token"
                + "|id_?token|auth_?token|private_?token|private_?key|authorization|x-amz-signature|x-amz-security-token)[\"']?\\s*[:=]\\s*[\"']?" + VALUE,
                m -> keyKind(m.group(1))),
        // short key names only in key=value form (not inside a word) or as a quoted JSON key
        rule(EQ, "(?i)" + NOT_AFTER_ALNUM + "(?:token|secret|sig|signature|pwd|passphrase)=" + VALUE, "secret-param"),
        rule(KEY, "(?i)\"(?:token|secret|signature|passphrase)\"\\s*:\\s*\"(?!\\[REDACTED)(?<s>[^\"]+)\"", "secret-param"),
        // what is left of a token where a reason was cut short ("…"): its prefix, or a mixed-case base64 run
        rule(CUT, "(?<![A-Za-z0-9])(?:gh[pousr]_|github_pat_|gl[a-z]{2,6}-|npm_|xox[a-z]-|xapp-|AIza|eyJ|IQoJb3JpZ2lu"
                + "|FwoGZXIvYXdz|FQoGZXIvYXdz|sk-)[A-Za-z0-9_+/=%.-]*(?=\u2026)", "truncated-secret"),
        rule(CUT, "(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])"
                + "[A-Za-z0-9+/]{16,39}(?=\u2026)", "truncated-secret"));

    private SecretPatterns() {}

    /** The rules of {@code families}, in order, then (family {@link #RUN40}) the free-standing 40-character keys. */
    static String apply(String text, int families) {
        String out = text;
        for (Rule r : RULES) {
            if ((r.family() & families) != 0) {
                out = r.apply(out);
            }
        }
        return (families & RUN40) != 0 ? HighEntropyKeys.redact(out) : out;
    }

    /** Only the query-parameter rule (for URLs, whose other parts adapters keep as they are). */
    static String query(String url) {
        return QUERY.apply(url);
    }

    private static String keyKind(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (k.contains("secretaccesskey")) {
            return "aws-secret-access-key";
        }
        if (k.contains("sessiontoken") || k.contains("securitytoken")) {
            return "aws-session-token";
        }
        if (k.startsWith("passw")) {
            return "password";
        }
        return switch (k) {
            case "apikey", "xapikey" -> "api-key";
            case "clientsecret" -> "client-secret";
            case "privatekey" -> "private-key";
            case "authorization" -> "authorization";
            default -> "token";
        };
    }
}
