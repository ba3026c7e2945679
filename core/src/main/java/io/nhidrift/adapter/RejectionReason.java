package io.nhidrift.adapter;

import java.util.regex.Pattern;

/**
 * The text of a rejection reason as it may leave the process (stderr, the {@code nhi.dlq.reason} header, logs):
 * reasons quote the input they could not read, so any secret in them is redacted ({@link Redactor}), control
 * characters are escaped ({@link Printable}) and the length is bounded.
 */
public final class RejectionReason {

    /** Jackson quotes the token it could not read, up to the first character that is not part of a name. */
    private static final Pattern UNPARSED_TOKEN = Pattern.compile("(Unrecognized token ')(?!\\[REDACTED)([^']{12,})'");

    /** Longest reason kept; the rest is cut (the record itself is in the dead-letter topic). */
    public static final int MAX_LENGTH = 1_000;

    private RejectionReason() {}

    public static String of(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "unknown reason";
        }
        String r = Printable.escape(maskUnparsedToken(Redactor.redactText(reason)));
        return r.length() > MAX_LENGTH ? r.substring(0, MAX_LENGTH) + "…" : r;
    }

    /**
     * A long token quoted by the JSON parser is a piece of the input cut where the parser stopped (a secret access key
     * at its first {@code +} or {@code /}), too short for any pattern to recognize: only its first four characters stay.
     */
    private static String maskUnparsedToken(String reason) {
        if (!reason.contains("Unrecognized token '")) {
            return reason;
        }
        return UNPARSED_TOKEN.matcher(reason).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + m.group(2).substring(0, 4) + "…" + SecretPatterns.marker("unparsed-token") + "'"));
    }
}
