package io.nhidrift.risk;

/**
 * Whether a caller network facet (IPv4 {@code a.b.c.0/24}, IPv6 {@code x:y:z::/48}, or a non-IP token such as
 * {@code ec2.amazonaws.com}) is a public internet address: not private (RFC 1918, RFC 6598 shared
 * {@code 100.64.0.0/10}, IPv6 ULA {@code fc00::/7}), loopback, link-local, unspecified or multicast.
 * A non-IP token (a provider's service) is not a public address.
 */
final class PublicNetworks {

    private PublicNetworks() {}

    static boolean isPublic(String network) {
        if (network == null || network.isEmpty()) {
            return false;
        }
        String addr = network.indexOf('/') > 0 ? network.substring(0, network.indexOf('/')) : network;
        int[] v4 = ipv4(addr);
        if (v4 != null) {
            return publicV4(v4[0], v4[1]);
        }
        if (addr.indexOf(':') >= 0) {
            return publicV6(addr);
        }
        return false;
    }

    private static boolean publicV4(int a, int b) {
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b < 128)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b < 32)
                || (a == 192 && b == 168));
    }

    private static boolean publicV6(String addr) {
        String first = addr.startsWith(":") ? "0" : addr.substring(0, addr.indexOf(':'));
        int group;
        try {
            group = Integer.parseInt(first, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        if (group > 0xffff || group == 0) {
            return false; // unspecified, loopback, IPv4-mapped: not a routable caller of its own
        }
        return (group & 0xfe00) != 0xfc00 // unique local fc00::/7
                && (group & 0xffc0) != 0xfe80 // link-local fe80::/10
                && (group & 0xff00) != 0xff00; // multicast
    }

    private static int[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3) {
                return null;
            }
            for (int j = 0; j < parts[i].length(); j++) {
                if (parts[i].charAt(j) < '0' || parts[i].charAt(j) > '9') {
                    return null;
                }
            }
            out[i] = Integer.parseInt(parts[i]);
            if (out[i] > 255) {
                return null;
            }
        }
        return out;
    }
}
