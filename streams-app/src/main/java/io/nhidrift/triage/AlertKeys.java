package io.nhidrift.triage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key spaces of the alert store (one RocksDB store, one changelog), each a one-byte tag and a key ordered for
 * its query. Event times are non-negative (the edge rules refuse times before 1970), so their big-endian bytes sort
 * as the times do; credential ids hold no control characters (edge rules), so {@code 0x00} ends one.
 *
 * <pre>
 *  'a' alertId                                 -> AlertRecord JSON       the alert, its status and history
 *  't' eventTime(8) alertId                    -> empty                  newest first: a reverse range
 *  'c' credentialId 0x00 eventTime(8) alertId  -> empty                  one credential's alerts, newest first
 *  's' credentialId 0x00 alertType             -> TriageDecision JSON    the suppression in force
 * </pre>
 */
public final class AlertKeys {
    private AlertKeys() {}

    static final byte ALERT = 'a';
    static final byte TIME = 't';
    static final byte CREDENTIAL = 'c';
    static final byte SUPPRESSION = 's';
    /** Sorts after every alert id (ids are ASCII): the inclusive upper end of a time's entries. */
    private static final byte AFTER_ANY_ID = (byte) 0xFF;

    public static Bytes alert(String alertId) {
        return Bytes.wrap(concat(new byte[] {ALERT}, utf8(alertId)));
    }

    public static Bytes time(long eventTime, String alertId) {
        return Bytes.wrap(concat(new byte[] {TIME}, be(eventTime), utf8(alertId)));
    }

    public static Bytes credential(String credentialId, long eventTime, String alertId) {
        return Bytes.wrap(concat(credentialPrefix(credentialId), be(eventTime), utf8(alertId)));
    }

    public static Bytes suppression(String credentialId, String alertType) {
        return Bytes.wrap(concat(new byte[] {SUPPRESSION}, utf8(credentialId), new byte[] {0}, utf8(alertType)));
    }

    /** The lowest and highest possible keys of the suppression key space. */
    static Bytes[] suppressions() {
        return new Bytes[] {Bytes.wrap(new byte[] {SUPPRESSION}), Bytes.wrap(new byte[] {SUPPRESSION + 1})};
    }

    /**
     * The inclusive key range of an index ({@code credentialId} null = the time index) for event times from
     * {@code fromTime} to {@code toTime}, both inclusive.
     */
    static Bytes[] indexRange(String credentialId, long fromTime, long toTime) {
        byte[] prefix = credentialId == null ? new byte[] {TIME} : credentialPrefix(credentialId);
        return new Bytes[] {Bytes.wrap(concat(prefix, be(Math.max(0, fromTime)))),
                Bytes.wrap(concat(prefix, be(toTime), new byte[] {AFTER_ANY_ID}))};
    }

    /** The event time of an index key ({@code credentialId} null = the time index). */
    static long indexTime(Bytes key, String credentialId) {
        return ByteBuffer.wrap(key.get(), indexPrefixLength(credentialId), 8).getLong();
    }

    /** The alert id at the end of an index key. */
    static String indexAlertId(Bytes key, String credentialId) {
        int from = indexPrefixLength(credentialId) + 8;
        return new String(key.get(), from, key.get().length - from, StandardCharsets.UTF_8);
    }

    private static int indexPrefixLength(String credentialId) {
        return credentialId == null ? 1 : credentialPrefix(credentialId).length;
    }

    private static byte[] credentialPrefix(String credentialId) {
        return concat(new byte[] {CREDENTIAL}, utf8(credentialId), new byte[] {0});
    }

    private static byte[] be(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = Arrays.copyOf(parts[0], n);
        int at = parts[0].length;
        for (int i = 1; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
            at += parts[i].length;
        }
        return out;
    }
}
