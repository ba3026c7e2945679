package io.nhidrift.detect;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Address ranges that count as ONE caller network for {@code SESSION_CREDENTIAL_MOVED} (default: RFC 1918,
 * 100.64.0.0/10 carrier-grade NAT, fc00::/7 unique-local): a workload moving between private subnets of the
 * same estate is not a stolen session. Outside these ranges a network is the {@code NEW_CALLER} facet (IPv4
 * /24, IPv6 /48). Only IP literals are parsed; nothing here resolves a host name.
 */
public final class SameNetworks {

    public static final String DEFAULT = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7";

    /** The key of every address inside the ranges. */
    public static final String SAME = "same-networks";

    private record Cidr(BigInteger base, int bits, int length) {
        boolean contains(BigInteger addr, int addrLength) {
            if (addrLength != length) {
                return false;
            }
            int shift = length * 8 - bits;
            return addr.shiftRight(shift).equals(base.shiftRight(shift));
        }
    }

    private final List<Cidr> ranges;
    private final String spec;

    private SameNetworks(List<Cidr> ranges, String spec) {
        this.ranges = ranges;
        this.spec = spec;
    }

    /**
     * Parses a comma-separated CIDR list ({@code 10.0.0.0/8,fc00::/7}); empty = no range.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static SameNetworks parse(String spec) {
        List<Cidr> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int slash = p.indexOf('/');
            byte[] addr = slash < 0 ? null : literal(p.substring(0, slash));
            int bits;
            try {
                bits = slash < 0 ? -1 : Integer.parseInt(p.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (addr == null || bits < 0 || bits > addr.length * 8) {
                throw new IllegalArgumentException("not a CIDR range: '" + p + "' (expected e.g. 10.0.0.0/8 or fc00::/7)");
            }
            out.add(new Cidr(new BigInteger(1, addr), bits, addr.length));
        }
        return new SameNetworks(List.copyOf(out), spec);
    }

    public static SameNetworks defaults() {
        return parse(DEFAULT);
    }

    /** {@value #SAME} for an address in the ranges, else the caller network facet of {@code ip}. */
    public String key(String ip) {
        byte[] addr = ip == null ? null : literal(ip.trim());
        if (addr != null) {
            BigInteger a = new BigInteger(1, addr);
            for (Cidr c : ranges) {
                if (c.contains(a, addr.length)) {
                    return SAME;
                }
            }
        }
        return CallerFacets.network(ip);
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (host names are not resolved). */
    static byte[] literal(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = v6 ? Character.digit(c, 16) >= 0 || c == ':' || c == '.' : Character.isDigit(c) || c == '.';
            if (!ok) {
                return null;
            }
        }
        if (!v6 && s.chars().filter(ch -> ch == '.').count() != 3) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no lookup
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return spec.toLowerCase(Locale.ROOT);
    }
}
