package io.nhidrift.adapter;

import java.nio.charset.StandardCharsets;

/**
 * {@code ShipperEnvelope.containsMarker} as it was before it passed over quote-free words at once (commit af7aee1),
 * kept verbatim as the reference {@link ShipperEnvelopeMarkerScanTest} compares the fast one with.
 */
final class ReferenceMarkerScan {

    private static final byte[][] MARKERS = {bytes("\"log\""), bytes("\"message\""), bytes("\"logEvents\"")};

    private ReferenceMarkerScan() {}

    static boolean containsMarker(byte[] text) {
        // one pass over the quotes (the hot path: every record of every format comes through here), not a search
        // per marker; a marker's second byte ('l' or 'm') rules out almost every quote
        int last = text.length - MARKERS[0].length;
        for (int at = 0; at <= last; at++) {
            if (text[at] != '"') {
                continue;
            }
            byte next = text[at + 1];
            if ((next == 'l' && (valueStartsLike(text, at, MARKERS[0], true) || valueStartsLike(text, at, MARKERS[2], false)))
                    || (next == 'm' && valueStartsLike(text, at, MARKERS[1], false))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} (quotes included) is at {@code at}, followed by a colon and a value that may wrap a record. */
    private static boolean valueStartsLike(byte[] text, int at, byte[] name, boolean objectAllowed) {
        if (!startsWith(text, at, name)) {
            return false;
        }
        int i = skipSpace(text, at + name.length);
        if (i >= text.length || text[i] != ':') {
            return false;
        }
        i = skipSpace(text, i + 1);
        if (i >= text.length) {
            return false;
        }
        byte c = text[i];
        return name == MARKERS[2] ? c == '[' : (objectAllowed && c == '{') || (c == '"' && startsObject(text, i + 1));
    }

    private static boolean startsWith(byte[] text, int at, byte[] name) {
        if (at + name.length > text.length) {
            return false;
        }
        for (int j = 0; j < name.length; j++) {
            if (text[at + j] != name[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the JSON string content at {@code i} starts (after blanks) with an escaped or plain {@code {}. */
    private static boolean startsObject(byte[] text, int i) {
        int j = i;
        while (j < text.length && (text[j] == ' ' || (text[j] == '\\' && j + 1 < text.length
                && (text[j + 1] == 'n' || text[j + 1] == 't' || text[j + 1] == 'r')))) {
            j += text[j] == '\\' ? 2 : 1;
        }
        return j < text.length && text[j] == '{';
    }

    private static int skipSpace(byte[] text, int i) {
        while (i < text.length && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
