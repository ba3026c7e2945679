package io.nhidrift.replay;

import io.nhidrift.avro.Alert;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An alert waiting to be written, in Avro binary with its sort keys (CONTRACT section 5: by eventTime, then
 * alertId; then its credential id and the order it was raised for that credential, which keep the order stable
 * should two ever tie, whatever the number of shards replay ran: a credential's alerts are all raised by one).
 */
record AlertEntry(long eventTime, String alertId, String credentialId, long seq, byte[] avro) {

    static final SpillCodec<AlertEntry> CODEC = new SpillCodec<>() {
        @Override
        public int compare(AlertEntry a, AlertEntry b) {
            int c = Long.compare(a.eventTime, b.eventTime);
            if (c != 0) {
                return c;
            }
            c = a.alertId.compareTo(b.alertId);
            if (c != 0) {
                return c;
            }
            c = a.credentialId.compareTo(b.credentialId);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        }

        @Override
        public void write(AlertEntry e, DataOutputStream out) throws IOException {
            out.writeByte(1);
            out.writeLong(e.eventTime);
            TimelineEntry.writeString(e.alertId, out);
            TimelineEntry.writeString(e.credentialId, out);
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
            String credentialId = TimelineEntry.readString(in);
            long seq = in.readLong();
            byte[] avro = new byte[in.readInt()];
            in.readFully(avro);
            return new AlertEntry(time, id, credentialId, seq, avro);
        }

        @Override
        public long heapBytes(AlertEntry e) {
            return 112 + 2L * e.alertId.length() + 2L * e.credentialId.length() + e.avro.length;
        }
    };

    static AlertEntry of(Alert a, long seq, AvroBinary<Alert> codec) {
        return new AlertEntry(a.getEventTime().toEpochMilli(), a.getAlertId(), a.getCredentialId(), seq, codec.encode(a));
    }
}
