package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The window behind the record reader: exact slices, restarts at kept offsets, and memory bounded by its capacity. */
@UnitTest
class ByteWindowTest {

    /** {@code size} bytes of {@code b}, generated, never held in memory as a whole. */
    private static InputStream endless(long size, byte b) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? b : -1;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + n, b);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void slicesAndRestartsReturnTheBytesAsWritten() throws Exception {
        ByteWindow w = new ByteWindow(new java.io.ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)), 1 << 20);
        byte[] buf = new byte[8];
        assertEquals(8, w.read(buf, 0, 8));
        assertArrayEquals("world".getBytes(StandardCharsets.UTF_8), w.slice(6, 11));
        w.seek(6);
        assertEquals('w', w.read());
        assertEquals('\n', w.byteAt(11));
        assertEquals(-1, w.byteAt(12));
    }

    @Test
    void aHundredMebibyteLineNeverHoldsMoreThanTheCapacity() throws Exception {
        int capacity = 4 << 20;
        ByteWindow w = new ByteWindow(endless(100L << 20, (byte) 'x'), capacity);
        w.keepFrom(0); // a record that starts at 0 and never ends
        byte[] buf = new byte[8192];
        long read = 0;
        int n;
        while ((n = w.read(buf, 0, buf.length)) > 0) {
            read += n;
            assertTrue(w.bufferBytes() <= capacity, "buffer " + w.bufferBytes());
        }
        assertEquals(100L << 20, read);
        assertFalse(w.holds(0), "the start of an oversized record is given up, not kept");
        assertTrue(w.holds(read - capacity / 2), "the recent half is kept for restarts");
    }
}
