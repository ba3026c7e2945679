package io.nhidrift.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one producer per task on worker threads and hands what they produce to a single consumer (the calling
 * thread) <b>in task order, and within a task in the order produced</b>, as if everything ran on the caller: the
 * consumer's side effects (sort keys, counters, report lines) are therefore the same for any number of threads.
 *
 * <p>Memory is bounded whatever the size of a task: items travel in chunks of {@link #CHUNK} through a queue of
 * {@link #LANE_CHUNKS} chunks per task, and at most {@code threads *} {@link #WINDOW_PER_THREAD} tasks are under way
 * or waiting to be consumed at once. Producers that hand over little (replay's readers send only report lines) thus
 * run ahead of a consumer held up by a long task. A producer
 * failure is re-thrown to the caller (after the items produced before it); a consumer failure stops the workers.
 */
final class OrderedParallel<I, T> {

    /** Produces the items of one task. */
    interface Producer<I, T> {
        void produce(I task, Consumer<T> emit) throws IOException;
    }

    static final int CHUNK = 256;
    static final long IDLE_MILLIS = 250;
    /** Tasks under way or waiting to be consumed, per thread: how far the workers may run ahead of the consumer. */
    static final int WINDOW_PER_THREAD = 16;
    static final int LANE_CHUNKS = 4;
    private static final Object END = new Object();

    private final int threads;
    private final Producer<I, T> producer;

    OrderedParallel(int threads, Producer<I, T> producer) {
        this.threads = Math.max(1, threads);
        this.producer = producer;
    }

    /** Produces every task's items on the workers and consumes them here, in order. */
    void run(List<I> tasks, Consumer<T> consumer) throws IOException {
        run(tasks, consumer, () -> {});
    }

    /** As {@link #run(List, Consumer)}, calling {@code whileWaiting} about every {@link #IDLE_MILLIS} ms spent waiting. */
    void run(List<I> tasks, Consumer<T> consumer, Runnable whileWaiting) throws IOException {
        if (tasks.isEmpty()) {
            return;
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nhi-drift-replay-read-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            int window = threads * WINDOW_PER_THREAD;
            List<BlockingQueue<Object>> lanes = new ArrayList<>(tasks.size());
            int submitted = 0;
            for (int i = 0; i < tasks.size(); i++) {
                while (submitted < tasks.size() && submitted < i + window) {
                    lanes.add(submit(pool, tasks.get(submitted)));
                    submitted++;
                }
                drain(lanes.get(i), consumer, whileWaiting);
                lanes.set(i, null);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private BlockingQueue<Object> submit(ExecutorService pool, I task) {
        BlockingQueue<Object> lane = new ArrayBlockingQueue<>(LANE_CHUNKS + 1);
        pool.execute(() -> {
            List<T>[] chunk = chunkHolder();
            try {
                producer.produce(task, item -> {
                    chunk[0].add(item);
                    if (chunk[0].size() == CHUNK) {
                        put(lane, chunk[0]);
                        chunk[0] = new ArrayList<>(CHUNK);
                    }
                });
                if (!chunk[0].isEmpty()) {
                    put(lane, chunk[0]);
                }
                put(lane, END);
            } catch (Interrupted e) {
                // the consumer stopped: nobody waits for this lane
            } catch (IOException | RuntimeException | Error e) {
                if (!chunk[0].isEmpty()) {
                    putQuietly(lane, chunk[0]);
                }
                putQuietly(lane, new Failure(e));
            }
        });
        return lane;
    }

    @SuppressWarnings("unchecked")
    private void drain(BlockingQueue<Object> lane, Consumer<T> consumer, Runnable whileWaiting) throws IOException {
        while (true) {
            Object o;
            try {
                o = lane.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the input files", e);
            }
            if (o == null) {
                whileWaiting.run();
                continue;
            }
            if (o == END) {
                return;
            }
            if (o instanceof Failure f) {
                if (f.cause instanceof IOException io) {
                    throw io;
                }
                if (f.cause instanceof RuntimeException re) {
                    throw re;
                }
                if (f.cause instanceof Error err) {
                    throw err;
                }
                throw new UncheckedIOException(new IOException(f.cause));
            }
            for (T item : (List<T>) o) {
                consumer.accept(item);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] chunkHolder() {
        List<T>[] holder = new List[1];
        holder[0] = new ArrayList<>(CHUNK);
        return holder;
    }

    private static void put(BlockingQueue<Object> lane, Object o) {
        try {
            lane.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** Hands a failure over unless the consumer is gone (then nobody needs it). */
    private static void putQuietly(BlockingQueue<Object> lane, Object o) {
        try {
            lane.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Failure(Throwable cause) {}

    /** A worker interrupted because the consumer stopped. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
