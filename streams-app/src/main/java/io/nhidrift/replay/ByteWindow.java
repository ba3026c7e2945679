package io.nhidrift.replay;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream read once, front to back, that keeps its recent bytes: those from the {@linkplain #keepFrom kept
 * offset} on while they fill at most three quarters of {@code capacity}, and always at least the last half of it. So a record can be
 * sliced out exactly as it was written, and parsing can restart at an earlier offset after an error, while
 * memory stays bounded whatever the stream's size. Reading (as an {@link InputStream}) starts at the
 * {@linkplain #seek cursor}. Offsets count bytes from the start of the stream.
 */
final class ByteWindow extends InputStream {

    private static final int INITIAL = 64 * 1024;

    private final InputStream in;
    private final int capacity;
    private byte[] buf = new byte[INITIAL];
    private long base;
    private int len;
    private long kept;
    private long cursor;
    private boolean eof;

    ByteWindow(InputStream in, int capacity) {
        this.in = in;
        this.capacity = Math.max(capacity, 2 * INITIAL);
    }

    /** Bytes before {@code offset} are no longer needed. */
    void keepFrom(long offset) {
        kept = Math.max(kept, offset);
    }

    /** Whether the bytes from {@code offset} on are still held (or not read yet). */
    boolean holds(long offset) {
        return offset >= base;
    }

    /** Moves the read cursor; the offset must still be held. */
    void seek(long offset) {
        if (offset < base) {
            throw new IllegalStateException("offset " + offset + " no longer held (from " + base + ")");
        }
        cursor = offset;
    }

    long cursor() {
        return cursor;
    }

    /** The bytes of memory the window holds (never more than its capacity). */
    int bufferBytes() {
        return buf.length;
    }

    /** The byte at {@code offset} (reading up to it), or -1 past the end of the stream. */
    int byteAt(long offset) throws IOException {
        if (!load(offset)) {
            return -1;
        }
        return buf[(int) (offset - base)] & 0xff;
    }

    /**
     * Offset of the first {@code b} at or after {@code from}, or -1 if the stream ends first; reads on as needed,
     * and lets go of the bytes it has scanned (a 1 GiB line costs one buffer, not 1 GiB).
     */
    long indexOf(int b, long from) throws IOException {
        long i = from;
        while (load(i)) {
            for (int k = (int) (i - base); k < len; k++) {
                if (buf[k] == (byte) b) {
                    return base + k;
                }
            }
            i = base + len;
            keepFrom(i);
        }
        return -1;
    }

    /** A copy of the held bytes {@code [from, to)}. */
    byte[] slice(long from, long to) {
        if (from < base || to > base + len || from > to) {
            throw new IllegalStateException("bytes [" + from + ", " + to + ") not held");
        }
        return Arrays.copyOfRange(buf, (int) (from - base), (int) (to - base));
    }

    @Override
    public int read() throws IOException {
        checkCursor();
        if (!load(cursor)) {
            return -1;
        }
        return buf[(int) (cursor++ - base)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        checkCursor();
        if (!load(cursor)) {
            return -1;
        }
        int from = (int) (cursor - base);
        int count = Math.min(n, len - from);
        System.arraycopy(buf, from, b, off, count);
        cursor += count;
        return count;
    }

    private void checkCursor() throws IOException {
        if (cursor < base) {
            throw new IOException("read position " + cursor + " no longer held");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads until {@code offset} is held; false if the stream ends before it. */
    private boolean load(long offset) throws IOException {
        while (offset >= base + len) {
            if (eof) {
                return false;
            }
            fill();
        }
        return true;
    }

    private void fill() throws IOException {
        if (len == buf.length) {
            makeRoom();
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
            eof = true;
        } else {
            len += n;
        }
    }

    private void makeRoom() {
        long keepFrom = Math.min(Math.max(kept, base), Math.min(cursor, base + len));
        int drop = (int) (keepFrom - base);
        if (drop < buf.length / 4 && buf.length < capacity) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, capacity));
            return;
        }
        if (drop < len / 4) {
            drop = len / 2; // what should be kept fills the capacity: keep the recent half only
        }
        System.arraycopy(buf, drop, buf, 0, len - drop);
        base += drop;
        len -= drop;
    }
}
