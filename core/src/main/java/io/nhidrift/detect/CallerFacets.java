package io.nhidrift.detect;

import java.util.Locale;

/**
 * Caller facets of CONTRACT section 4: the caller network (IPv4 /24, IPv6 /48, or a non-IP token
 * such as {@code ec2.amazonaws.com}) and the user-agent family (product name without version, so
 * an SDK upgrade is not a new caller). No regular expressions: this runs for every event.
 */
public final class CallerFacets {

    /** The facets of one event; either may be null when the log has no such field. */
    public record Facets(String network, String agentFamily) {
        public String networkFacet() {
            return network == null ? null : "network:" + network;
        }

        public String agentFacet() {
            return agentFamily == null ? null : "agent:" + agentFamily;
        }
    }

    private CallerFacets() {}

    public static Facets of(String sourceIp, String userAgent) {
        return new Facets(network(sourceIp), agentFamily(userAgent));
    }

    /** {@code 203.0.113.7} -> {@code 203.0.113.0/24}; IPv6 -> its /48; anything else -> the lower-cased token. */
    public static String network(String ip) {
        if (ip == null) {
            return null;
        }
        String s = ip.trim();
        if (s.isEmpty()) {
            return null;
        }
        String v4 = ipv4Slash24(s);
        if (v4 != null) {
            return v4;
        }
        if (s.indexOf(':') >= 0) {
            String v6 = ipv6Slash48(s);
            if (v6 != null) {
                return v6;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String ipv4Slash24(String s) {
        int dots = 0;
        int lastDot = -1;
        int partStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                int len = i - partStart;
                if (len < 1 || len > 3) {
                    return null;
                }
                int v = Integer.parseInt(s, partStart, i, 10);
                if (v > 255) {
                    return null;
                }
                if (i < s.length()) {
                    dots++;
                    lastDot = i;
                }
                partStart = i + 1;
            } else if (!Character.isDigit(s.charAt(i))) {
                return null;
            }
        }
        return dots == 3 ? s.substring(0, lastDot) + ".0/24" : null;
    }

    private static String ipv6Slash48(String s) {
        String addr = s;
        int pct = addr.indexOf('%');
        if (pct >= 0) {
            addr = addr.substring(0, pct);
        }
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        for (int i = 0; i < addr.length(); i++) {
            char c = addr.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        int[] groups = new int[8];
        String[] halves = addr.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":") : new String[0];
        if (head.length + tail.length > 8 || (halves.length == 1 && head.length != 8)) {
            return null;
        }
        try {
            for (int i = 0; i < head.length; i++) {
                groups[i] = parseGroup(head[i]);
            }
            for (int i = 0; i < tail.length; i++) {
                groups[8 - tail.length + i] = parseGroup(tail[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return String.format("%x:%x:%x::/48", groups[0], groups[1], groups[2]);
    }

    private static int parseGroup(String g) {
        if (g.isEmpty() || g.length() > 4) {
            if (g.indexOf('.') >= 0) {
                return 0;
            }
            throw new NumberFormatException(g);
        }
        return Integer.parseInt(g, 16);
    }

    /**
     * The product name of a user agent, lower-cased, without version: {@code aws-cli/2.13.5 Python/3.11}
     * -> {@code aws-cli}; {@code [aws-cli/1.18 ...]} -> {@code aws-cli}; {@code Boto3/1.28 md/...} -> {@code boto3};
     * {@code console.amazonaws.com} -> itself.
     */
    public static String agentFamily(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String s = userAgent.trim();
        while (!s.isEmpty() && (s.charAt(0) == '[' || s.charAt(0) == '"' || s.charAt(0) == '(')) {
            s = s.substring(1).trim();
        }
        if (s.isEmpty()) {
            return null;
        }
        int end = 0;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (c == '/' || c == ' ' || c == ';' || c == '(' || c == ']' || c == ',' || c == '"') {
                break;
            }
            end++;
        }
        String product = s.substring(0, end);
        // "Terraform 1.5.0" style: product then a bare version
        int dash = product.lastIndexOf('-');
        if (dash > 0 && dash < product.length() - 1 && Character.isDigit(product.charAt(dash + 1))
                && product.substring(dash + 1).chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            product = product.substring(0, dash);
        }
        return product.isEmpty() ? null : product.toLowerCase(Locale.ROOT);
    }

    /** Whether the user agent is an interactive client: a web browser or a cloud console. */
    public static boolean isInteractive(String userAgent) {
        return io.nhidrift.identity.InteractiveClient.isInteractiveAgent(userAgent);
    }
}
