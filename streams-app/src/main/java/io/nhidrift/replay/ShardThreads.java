package io.nhidrift.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per shard, each on a daemon thread of its own named {@code nhi-drift-replay-<stage>-<n>}, and waits
 * for all of them: their results in task order, a task's failure rethrown as it was thrown (an
 * {@code IOException}, a {@code RuntimeException} or an {@code Error}), the other tasks interrupted.
 */
final class ShardThreads {

    private ShardThreads() {}

    /** Runs {@code tasks}; {@code whileWaiting} runs every 200 ms until they are done (e.g. a progress line). */
    static <T> List<T> runAll(String stage, List<Callable<T>> tasks, Runnable whileWaiting) throws IOException {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()), r -> {
            Thread t = new Thread(r, "nhi-drift-replay-" + stage + "-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> task : tasks) {
                running.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) {
                while (true) {
                    try {
                        results.add(f.get(200, TimeUnit.MILLISECONDS));
                        break;
                    } catch (TimeoutException e) {
                        whileWaiting.run();
                    }
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("replay interrupted (" + stage + " stage)", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
