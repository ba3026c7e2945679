package io.nhidrift.config;

import java.util.Locale;

/** Parses byte sizes written as {@code 134217728}, {@code 128MiB}, {@code 128m}, {@code 1GiB}, {@code 512k}. */
public final class Sizes {
    private Sizes() {}

    public static long parse(String key, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        try {
            long mult = 1;
            char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
            if (last == 'k' || last == 'm' || last == 'g') {
                mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
                v = v.substring(0, v.length() - 1);
            }
            long n = Math.multiplyExact(Long.parseLong(v.trim()), mult);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("invalid value '" + value + "' for key '" + key
                    + "': expected a size such as 134217728, 128MiB, 512k or 1GiB");
        }
    }
}
