package io.nhidrift.json;

/**
 * Strict UTF-8 check at the edge (RFC 3629): Jackson decodes overlong forms leniently ({@code C0 AF} becomes
 * {@code /}), so a record is validated before it is parsed. Rejected: overlong encodings, UTF-16 surrogates
 * (U+D800–U+DFFF), code points above U+10FFFF, stray continuation bytes and truncated sequences.
 */
public final class Utf8 {

    private Utf8() {}

    /** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1 if all are well-formed. */
    public static int firstInvalid(byte[] b) {
        return firstInvalid(b, 0, b.length);
    }

    /** As {@link #firstInvalid(byte[])} over {@code b[from, to)}; offsets are indexes into {@code b}. */
    public static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(b, i, to, c & 0xff);
            if (n < 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /** Length of the well-formed multi-byte sequence starting with lead byte {@code c} at {@code i}, or -1. */
    private static int sequenceLength(byte[] b, int i, int to, int c) {
        if (c >= 0xC2 && c <= 0xDF) {
            return continuation(b, i + 1, to, 0x80, 0xBF) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            int lo = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            int hi = c == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
            return continuation(b, i + 1, to, lo, hi) && continuation(b, i + 2, to, 0x80, 0xBF) ? 3 : -1;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            int lo = c == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            int hi = c == 0xF4 ? 0x8F : 0xBF; // F4 90.. would exceed U+10FFFF
            return continuation(b, i + 1, to, lo, hi) && continuation(b, i + 2, to, 0x80, 0xBF)
                    && continuation(b, i + 3, to, 0x80, 0xBF) ? 4 : -1;
        }
        return -1; // 80..C1 (continuation or overlong lead), F5..FF
    }

    private static boolean continuation(byte[] b, int i, int to, int lo, int hi) {
        if (i >= to) {
            return false;
        }
        int x = b[i] & 0xff;
        return x >= lo && x <= hi;
    }

    /** An {@link RecordException} if {@code b} is not well-formed UTF-8, naming the offset and the bytes there. */
    public static void require(byte[] b) throws RecordException {
        int bad = firstInvalid(b);
        if (bad >= 0) {
            StringBuilder hex = new StringBuilder();
            for (int i = bad; i < Math.min(b.length, bad + 4); i++) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xff));
            }
            throw new RecordException("invalid UTF-8 at byte " + bad + " (" + hex + ")");
        }
    }
}
