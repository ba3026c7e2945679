package io.nhidrift.replay;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input file as the stream of its text: gzip is recognized by its structure (magic {@code 1f 8b},
 * compression method 8 = deflate, no reserved flag bits; RFC 1952), not by two bytes alone, so a text file that
 * happens to start with {@code 1f 8b} is read as text. Decompression is bounded: past {@code maxExpandedBytes}
 * the stream fails with {@link ExpansionLimitException}, so a gzip bomb is a reported rejection, never an
 * out-of-memory error.
 */
final class DecodedInput {

    private static final int HEADER = 10;

    private DecodedInput() {}

    /** The file's text as a stream, decompressed if the file is gzip. */
    static InputStream open(Path file, long maxExpandedBytes) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            raw.mark(HEADER);
            byte[] h = raw.readNBytes(HEADER);
            raw.reset();
            if (isGzipHeader(h)) {
                return new Bounded(new GZIPInputStream(raw, 64 * 1024), maxExpandedBytes);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Whether {@code h} starts like a gzip member: magic, method deflate, reserved flag bits clear. */
    static boolean isGzipHeader(byte[] h) {
        return h.length >= HEADER && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b && h[2] == 8 && (h[3] & 0xe0) == 0;
    }

    /** The decompressed size of a file went past its limit. */
    static final class ExpansionLimitException extends IOException {
        ExpansionLimitException(long limit) {
            super("decompressed size exceeds " + limit + " bytes (replay.max-expanded-bytes); a gzip bomb or an"
                    + " oversized file");
        }
    }

    /** Fails once more than {@code limit} bytes have been read. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new ExpansionLimitException(limit);
            }
        }
    }
}
