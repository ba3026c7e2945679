package io.nhidrift.replay;

import io.nhidrift.avro.Alert;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An alert waiting to be written, in Avro binary with its sort keys (CONTRACT section 5: by eventTime, then
 * alertId; then the order it was raised, which keeps the order stable should two ever tie).
 */
record AlertEntry(long eventTime, String alertId, long seq, byte[] avro) {

    static final SpillCodec<AlertEntry> CODEC = new SpillCodec<>() {
        @Override
        public int compare(AlertEntry a, AlertEntry b) {
            int c = Long.compare(a.eventTime, b.eventTime);
            if (c != 0) {
                return c;
            }
            c = a.alertId.compareTo(b.alertId);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        }

        @Override
        public void write(AlertEntry e, DataOutputStream out) throws IOException {
            out.writeByte(1);
            out.writeLong(e.eventTime);
            TimelineEntry.writeString(e.alertId, out);
            out.writeLong(e.seq);
            out.writeInt(e.avro.length);
            out.write(e.avro);
        }

        @Override
        public AlertEntry read(DataInputStream in) throws IOException {
            if (in.read() < 0) {
                return null;
            }
            long time = in.readLong();
            String id = TimelineEntry.readString(in);
            long seq = in.readLong();
            byte[] avro = new byte[in.readInt()];
            in.readFully(avro);
            return new AlertEntry(time, id, seq, avro);
        }

        @Override
        public long heapBytes(AlertEntry e) {
            return 96 + 2L * e.alertId.length() + e.avro.length;
        }
    };

    static AlertEntry of(Alert a, long seq, AvroBinary<Alert> codec) {
        return new AlertEntry(a.getEventTime().toEpochMilli(), a.getAlertId(), seq, codec.encode(a));
    }
}
