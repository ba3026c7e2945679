package io.nhidrift.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Orders any number of items in bounded memory: items arriving in order are appended straight to one of a few
 * open "in-order" run files (inputs already in time order pass through without sorting); the others wait in a
 * buffer of at most {@code budgetBytes}, which is sorted and spilled as a run file when full. {@link #merged()}
 * is a k-way merge of the runs, and may be read several times. Not thread-safe.
 */
final class ExternalSorter<T> implements Closeable {

    private static final int STREAM_BUFFER = 64 * 1024;
    /** In-order runs kept open: one per input that is itself in order, typically one per format. */
    private static final int MAX_OPEN_RUNS = 8;

    private final SpillCodec<T> codec;
    private final Path dir;
    private final String name;
    private final long budgetBytes;
    private final List<Path> runs = new ArrayList<>();
    private final List<OpenRun<T>> open = new ArrayList<>();
    private final List<T> buffer = new ArrayList<>();
    private long buffered;
    private long count;
    private boolean finished;

    ExternalSorter(SpillCodec<T> codec, Path dir, String name, long budgetBytes) {
        this.codec = codec;
        this.dir = dir;
        this.name = name;
        this.budgetBytes = budgetBytes;
    }

    void add(T item) throws IOException {
        count++;
        OpenRun<T> best = null;
        for (OpenRun<T> r : open) {
            if (codec.compare(r.last, item) <= 0 && (best == null || codec.compare(r.last, best.last) > 0)) {
                best = r;
            }
        }
        if (best == null && open.size() < MAX_OPEN_RUNS) {
            best = new OpenRun<>(newRun());
            open.add(best);
        }
        if (best != null) {
            codec.write(item, best.out);
            best.last = item;
            return;
        }
        buffer.add(item);
        buffered += codec.heapBytes(item);
        if (buffered >= budgetBytes) {
            spill();
        }
    }

    long count() {
        return count;
    }

    /** Number of run files written so far (for tests and the report of a measurement). */
    int runFiles() {
        return runs.size();
    }

    private Path newRun() throws IOException {
        Path p = dir.resolve(name + "-" + runs.size() + ".run");
        runs.add(p);
        return p;
    }

    private void spill() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.sort(codec);
        try (DataOutputStream out = output(newRun())) {
            for (T item : buffer) {
                codec.write(item, out);
            }
        }
        buffer.clear();
        buffered = 0;
    }

    /** Ends the input: spills what waits and closes the in-order runs. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        spill();
        for (OpenRun<T> r : open) {
            r.out.close();
        }
        open.clear();
    }

    /** Ends the input and gives the run files (for a merge across sorters). */
    List<Path> finishedRuns() throws IOException {
        finish();
        return List.copyOf(runs);
    }

    /** All items in order; close the iterator when done. */
    Merge<T> merged() throws IOException {
        finish();
        return new Merge<>(codec, runs);
    }

    @Override
    public void close() throws IOException {
        finish();
        for (Path p : runs) {
            Files.deleteIfExists(p);
        }
    }

    private static DataOutputStream output(Path p) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), STREAM_BUFFER));
    }

    private static final class OpenRun<T> {
        final DataOutputStream out;
        T last;

        OpenRun(Path p) throws IOException {
            this.out = output(p);
        }
    }

    /** The k-way merge of the sorted run files. */
    static final class Merge<T> implements Iterator<T>, Closeable {
        private final List<RunReader<T>> readers = new ArrayList<>();
        private final Interleave<T> merged;

        Merge(SpillCodec<T> codec, List<Path> runs) throws IOException {
            try {
                for (Path p : runs) {
                    readers.add(new RunReader<>(codec, p));
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            this.merged = new Interleave<>(readers, codec);
        }

        @Override
        public boolean hasNext() {
            return merged.hasNext();
        }

        @Override
        public T next() {
            return merged.next();
        }

        @Override
        public void close() {
            for (RunReader<T> r : readers) {
                r.close();
            }
        }
    }

    /** One run file, item by item. */
    private static final class RunReader<T> implements Iterator<T>, Closeable {
        private final SpillCodec<T> codec;
        private final DataInputStream in;
        private T next;

        RunReader(SpillCodec<T> codec, Path p) throws IOException {
            this.codec = codec;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), STREAM_BUFFER));
            this.next = codec.read(in);
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public T next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            T item = next;
            try {
                next = codec.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return item;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // a temporary file read to its end or abandoned: nothing to keep
            }
        }
    }
}
