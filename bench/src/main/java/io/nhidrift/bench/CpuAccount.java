package io.nhidrift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the CPU of a measured interval went: per-thread CPU time of this JVM from {@code /proc/self/task}
 * (Linux), grouped by what the thread does (stream threads, broker, producers, GC, JIT, ...). Used to
 * say what bounds the throughput, in CPU microseconds per event.
 */
final class CpuAccount {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double TICK_MS = 10.0; // USER_HZ = 100 on Linux

    private final Map<String, Long> start;
    private final long startNanos = System.nanoTime();

    private CpuAccount(Map<String, Long> start) {
        this.start = start;
    }

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    static CpuAccount begin() {
        return new CpuAccount(snapshot());
    }

    /** CPU milliseconds per thread group since {@link #begin()}, plus "total" and "wall". */
    Map<String, Double> end() {
        Map<String, Long> now = snapshot();
        Map<String, Double> groups = new TreeMap<>();
        double total = 0;
        for (var e : now.entrySet()) {
            long before = start.getOrDefault(e.getKey(), 0L);
            double ms = (e.getValue() - before) * TICK_MS;
            if (ms > 0) {
                String group = group(e.getKey().substring(e.getKey().indexOf(':') + 1));
                groups.merge(group, ms, Double::sum);
                total += ms;
            }
        }
        groups.put("total", total);
        groups.put("wall", (System.nanoTime() - startNanos) / 1e6);
        return groups;
    }

    /**
     * Thread name as the kernel keeps it (the first 15 characters of the Java name) to what the thread
     * does. Stream threads are named after the application id, which every bench application starts
     * with {@code bench-}.
     */
    static String group(String comm) {
        if (comm.startsWith("bench-")) {
            return "stream threads";
        }
        if (comm.startsWith("kafka-producer")) {
            return "producer I/O";
        }
        if (comm.startsWith("G1") || comm.startsWith("GC ") || comm.startsWith("VM ")) {
            return "GC and VM";
        }
        if (comm.startsWith("C2 ") || comm.startsWith("C1 ")) {
            return "JIT compiler";
        }
        if (comm.startsWith("rocksdb")) {
            return "RocksDB background";
        }
        if (comm.equals("main") || comm.startsWith("kafka-admin") || comm.startsWith("kafka-coordinat")) {
            return "bench";
        }
        return "broker (and other)";
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    out.put(t.getFileName() + ":" + comm, ticks);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between list and read
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
