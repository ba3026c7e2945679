package io.nhidrift.replay;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One input of replay's detection stage as it waits on disk: an event (its {@code UsageEvent} in {@link EventCodec}'s form) or an
 * inventory record (its raw bytes), at its time, with the keys that order it (CONTRACT section 5: by time,
 * inventory before events at the same time, then by source and event id or credential id, then by arrival) and
 * what the report needs (input, origin, credential id) without decoding the payload.
 */
record TimelineEntry(long time, byte kind, String sortKey, long seq, int input, int file, int line, int index,
        String credentialId, byte[] payload) {

    static final byte INVENTORY = 0;
    static final byte EVENT = 1;

    boolean isEvent() {
        return kind == EVENT;
    }

    TimelineEntry at(long newTime) {
        return new TimelineEntry(newTime, kind, sortKey, seq, input, file, line, index, credentialId, payload);
    }

    /** This entry without its payload: enough to order it and to name its origin. */
    TimelineEntry withoutPayload() {
        return new TimelineEntry(time, kind, sortKey, seq, input, file, line, index, credentialId, new byte[0]);
    }

    /** The codec and order of entries. */
    static final SpillCodec<TimelineEntry> CODEC = new SpillCodec<>() {
        @Override
        public int compare(TimelineEntry a, TimelineEntry b) {
            int c = Long.compare(a.time, b.time);
            if (c != 0) {
                return c;
            }
            c = Byte.compare(a.kind, b.kind);
            if (c != 0) {
                return c;
            }
            c = a.sortKey.compareTo(b.sortKey);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        }

        @Override
        public void write(TimelineEntry e, DataOutputStream out) throws IOException {
            out.writeByte(e.kind);
            out.writeLong(e.time);
            writeString(e.sortKey, out);
            out.writeLong(e.seq);
            out.writeInt(e.input);
            out.writeInt(e.file);
            out.writeInt(e.line);
            out.writeInt(e.index);
            writeString(e.credentialId, out);
            out.writeInt(e.payload.length);
            out.write(e.payload);
        }

        @Override
        public TimelineEntry read(DataInputStream in) throws IOException {
            return TimelineEntry.read(in, true);
        }

        @Override
        public long heapBytes(TimelineEntry e) {
            return 160 + 2L * e.sortKey.length() + (e.credentialId == null ? 0 : 2L * e.credentialId.length())
                    + e.payload.length;
        }
    };

    /**
     * The same entries without their payloads: what the time survey reads (times, keys, origins) with the payload
     * bytes skipped on disk instead of copied into a new array each.
     */
    static final SpillCodec<TimelineEntry> HEADERS = new SpillCodec<>() {
        @Override
        public int compare(TimelineEntry a, TimelineEntry b) {
            return CODEC.compare(a, b);
        }

        @Override
        public void write(TimelineEntry e, DataOutputStream out) throws IOException {
            CODEC.write(e, out);
        }

        @Override
        public TimelineEntry read(DataInputStream in) throws IOException {
            return TimelineEntry.read(in, false);
        }

        @Override
        public long heapBytes(TimelineEntry e) {
            return CODEC.heapBytes(e);
        }
    };

    private static final byte[] NO_PAYLOAD = new byte[0];

    /** The next entry written by {@link #CODEC}, or null at the end; without {@code payload} the bytes are skipped. */
    private static TimelineEntry read(DataInputStream in, boolean payload) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        long time = in.readLong();
        String sortKey = readString(in);
        long seq = in.readLong();
        int input = in.readInt();
        int file = in.readInt();
        int line = in.readInt();
        int index = in.readInt();
        String credentialId = readString(in);
        int length = in.readInt();
        byte[] bytes = NO_PAYLOAD;
        if (payload) {
            bytes = new byte[length];
            in.readFully(bytes);
        } else {
            in.skipNBytes(length);
        }
        return new TimelineEntry(time, (byte) kind, sortKey, seq, input, file, line, index, credentialId, bytes);
    }

    static void writeString(String s, DataOutputStream out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
