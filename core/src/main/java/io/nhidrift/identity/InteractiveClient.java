package io.nhidrift.identity;

import io.nhidrift.avro.UsageEvent;
import java.util.Locale;

/**
 * Whether a call came from an interactive client, a person at a browser or a cloud console: what
 * {@code HUMAN_USE} looks for on a machine credential, and what makes an unknown principal a person.
 * Recognizes browsers ({@code Mozilla/…}, not crawlers), the AWS console in the forms real CloudTrail shows
 * ({@code console.amazonaws.com}, {@code console.<service>.amazonaws.com}, {@code signin.amazonaws.com},
 * {@code *ConsoleFrontend*}, {@code S3Console/…}, {@code AWS Internal} on a session marked {@code sessionCredentialFromConsole}),
 * the Google Cloud console and the Azure portal.
 */
public final class InteractiveClient {

    private InteractiveClient() {}

    public static boolean is(UsageEvent e) {
        // isInteractiveAgent(agent) || isConsoleSession(e), with the agent lower-cased once
        String agent = lower(e.getUserAgent());
        return browser(agent) || consoleAgent(agent) || consoleFlag(e);
    }

    /** An AWS console session: the session flag, or a console user agent. */
    static boolean isConsoleSession(UsageEvent e) {
        return consoleFlag(e) || isConsoleAgent(e.getUserAgent());
    }

    private static boolean consoleFlag(UsageEvent e) {
        return "true".equalsIgnoreCase(e.getAttributes().get("sessionCredentialFromConsole"));
    }

    /** A browser or a cloud console, from the user agent alone. */
    public static boolean isInteractiveAgent(String userAgent) {
        String agent = lower(userAgent);
        return browser(agent) || consoleAgent(agent);
    }

    static boolean isBrowser(String userAgent) {
        return browser(lower(userAgent));
    }

    static boolean isConsoleAgent(String userAgent) {
        return consoleAgent(lower(userAgent));
    }

    private static String lower(String userAgent) {
        return userAgent == null ? null : userAgent.toLowerCase(Locale.ROOT);
    }

    /** {@link #isBrowser} of an agent already lower-cased. */
    private static boolean browser(String u) {
        if (u == null) {
            return false;
        }
        if (u.startsWith("mozilla/") || u.startsWith("opera/") || u.equals("mozilla")) {
            return !(u.contains("bot") || u.contains("crawler") || u.contains("spider"));
        }
        return false;
    }

    /** {@link #isConsoleAgent} of an agent already lower-cased. */
    private static boolean consoleAgent(String lowered) {
        if (lowered == null) {
            return false;
        }
        String u = lowered.trim();
        if (u.startsWith("console.amazonaws.com") || u.startsWith("signin.amazonaws.com")
                || u.startsWith("console.cloud.google.com") || u.startsWith("portal.azure.com")
                || u.contains("aws-console") || u.contains("awsconsole") || u.contains("consolefrontend")
                || u.contains("console/")) { // [S3Console/0.4, aws-internal/3 …]
            return true;
        }
        // console.<service>.amazonaws.com, e.g. console.ec2.amazonaws.com
        return u.startsWith("console.") && u.contains(".amazonaws.com");
    }
}
