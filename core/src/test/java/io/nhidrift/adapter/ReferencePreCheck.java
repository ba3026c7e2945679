package io.nhidrift.adapter;

/**
 * The secret pre-check as it was before it became table-driven ({@code Redactor.families} at commit af7aee1), kept
 * verbatim as the reference {@link RedactorPreCheckTest} compares the fast one with: same families for any text.
 */
final class ReferencePreCheck {

    private ReferencePreCheck() {}

    static int families(String text) {
        int n = text.length();
        int found = 0;
        int run = 0;
        int classes = 0;
        for (int i = 0; i < n; i++) {
            char raw = text.charAt(i);
            char c = lower(raw);
            if (HighEntropyKeys.inRun(c)) {
                run++;
                classes |= raw >= 'A' && raw <= 'Z' ? 1 : raw >= 'a' && raw <= 'z' ? 2 : raw >= '0' && raw <= '9' ? 4 : 0;
                if (run >= HighEntropyKeys.LENGTH && classes == 7) {
                    found |= SecretPatterns.RUN40;
                }
            } else {
                run = 0;
                classes = 0;
                if (c == '=') {
                    found |= SecretPatterns.EQ;
                } else if (c == '\u2026') { // '…' where a reason was cut inside a token
                    found |= SecretPatterns.CUT;
                }
            }
            if (i + 1 < n) {
                found |= marker(text, i, c, lower(text.charAt(i + 1)));
            }
        }
        return found;
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

    private static boolean at(String text, int i, String marker) {
        return text.regionMatches(true, i, marker, 0, marker.length());
    }

}
