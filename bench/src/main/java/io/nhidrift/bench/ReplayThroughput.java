package io.nhidrift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement 7: {@code replay} end to end (read files, normalize, order, detect, write alerts) on generated worlds
 * ({@link ReplayWorldCache}) of growing size, each in a child JVM with {@code -Xmx1g}: its events/s, its heap after
 * GC (from the child's GC log) and its peak resident set ({@code VmHWM}). A child that runs out of memory or time is
 * a result, recorded as such (timeout {@code -Dbench.replay.timeout-s}, default 600 s); the larger worlds after it are
 * then not run, and the bench goes on.
 */
final class ReplayThroughput {

    static final String HEAP = "-Xmx1g";
    private static final Pattern GC_AFTER = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** One replay of one world. */
    record Row(long events, long bytes, int files, double seconds, int exitCode, String outcome, long maxHeapAfterGcMiB,
            long lastHeapAfterGcMiB, long peakRssKiB, long alerts, double cpuSeconds, long liveHeapMiB) {
        boolean ok() {
            return outcome.equals("ok");
        }

        double eventsPerSec() {
            return events / seconds;
        }

        /** Events per CPU second of the child (all its threads): what the machine's load does not change. */
        double eventsPerCpuSec() {
            return events / cpuSeconds;
        }
    }

    static final class Result {
        List<Row> rows = new ArrayList<>();
        /** The 1-minute load average after each replay. */
        Stats loadAverage = new Stats();
    }

    private ReplayThroughput() {}

    static Result run(int[] sizes, Path workDir) throws Exception {
        Result res = new Result();
        long timeoutSec = Long.getLong("bench.replay.timeout-s", 600);
        for (int n : sizes) {
            Row failed = res.rows.stream().filter(r -> !r.ok()).findFirst().orElse(null);
            if (failed != null) {
                res.rows.add(new Row(n, 0, 0, Double.NaN, -1, String.format(Locale.ROOT, "not run (%,d events: %s)", failed.events(),
                        failed.outcome()), 0, 0, 0, 0, Double.NaN, 0));
                Throughput.log("replay %,d events: not run, a smaller world already failed", n);
                continue;
            }
            ReplayWorldCache.World w = ReplayWorldCache.world(n);
            Row row = replay(w, workDir, timeoutSec);
            res.rows.add(row);
            Throughput.log("replay %,d events: %s in %.1f s%s (CPU %.0f s%s; load average %.1f), heap after GC max %d MiB, peak RSS %d MiB, "
                    + "%,d alerts", n, row.outcome(), row.seconds(),
                    row.ok() ? String.format(Locale.ROOT, " = %,.0f events/s", row.eventsPerSec()) : "", row.cpuSeconds(),
                    row.ok() ? String.format(Locale.ROOT, ", %,.0f events per CPU s", row.eventsPerCpuSec()) : "",
                    Disturbance.loadAverage(), row.maxHeapAfterGcMiB(), row.peakRssKiB() / 1024, row.alerts());
            res.loadAverage.add(Disturbance.loadAverage());
        }
        return res;
    }

    private static Row replay(ReplayWorldCache.World w, Path workDir, long timeoutSec) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(workDir, "replay");
        Path alerts = dir.resolve("alerts.ndjson");
        Path gcLog = dir.resolve("gc.log");
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog,
                "-Djava.io.tmpdir=" + dir, "-Dnhidrift.log.level=WARN", "-Dnhidrift.kafka.log.level=ERROR",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                        "io.nhidrift.avro,java.lang,java.util,java.math,java.nio,java.net,org.apache.avro.util"),
                "-cp", System.getProperty("java.class.path"), "io.nhidrift.cli.Main", "replay"));
        cmd.addAll(w.replayArguments());
        cmd.addAll(List.of("--alerts", alerts.toString(), "--progress"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        long peakKiB = 0;
        double cpu = 0;
        boolean done = false;
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSec);
        long liveMiB = 0;
        while (!done && System.nanoTime() < deadline) {
            if (liveMiB == 0 && halfDetected(err)) {
                liveMiB = liveHeapMiB(p.pid());
            }
            peakKiB = Math.max(peakKiB, vmHwmKiB(p.pid()));
            cpu = Math.max(cpu, p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0));
            done = p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String outcome;
        int exit;
        if (!done) {
            p.destroyForcibly().waitFor();
            exit = -1;
            outcome = String.format(Locale.ROOT, "timed out after %d s", timeoutSec);
        } else {
            exit = p.exitValue();
            String stderr = Files.exists(err) ? Files.readString(err) : "";
            outcome = stderr.contains("OutOfMemoryError") ? String.format(Locale.ROOT, "OutOfMemoryError after %.0f s", seconds)
                    : exit == 0 ? "ok" : "exit " + exit;
        }
        long[] heap = heapAfterGc(gcLog);
        long alertCount = Files.exists(alerts) ? countLines(alerts) : 0;
        Row row = new Row(w.events(), w.bytes(), w.files(), seconds, exit, outcome, heap[0], heap[1], peakKiB, alertCount, cpu,
                liveMiB);
        BenchCluster.deleteRecursively(dir);
        return row;
    }

    private static final Pattern DETECTING = Pattern.compile("detecting: .*?, (\\d+) %");

    /** Whether the child's progress lines (stderr, {@code --progress}) say detection is at least half done. */
    static boolean halfDetected(Path err) {
        try {
            if (!Files.exists(err)) {
                return false;
            }
            Matcher m = DETECTING.matcher(Files.readString(err));
            int percent = -1;
            while (m.find()) {
                percent = Integer.parseInt(m.group(1));
            }
            return percent >= 50;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The child's live heap, MiB: the "Total" of {@code jcmd PID GC.class_histogram}, which runs a full GC first, so it
     * counts reachable objects only (unlike the occupancy after a young pause, which includes old garbage not yet
     * collected). Costs the child one full GC; 0 when jcmd is not available.
     */
    static long liveHeapMiB(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(60, TimeUnit.SECONDS);
            for (String l : out.split("\n")) {
                if (l.startsWith("Total")) {
                    String[] f = l.trim().split("\\s+");
                    return Math.max(1, Long.parseLong(f[2]) >> 20);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Peak resident set of a running process, KiB ({@code VmHWM} of /proc/PID/status); 0 when unavailable. */
    static long vmHwmKiB(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two reads
        }
        return 0;
    }

    /** {largest, last} heap occupancy after a GC pause, MiB, from a {@code -Xlog:gc} file; 0 when there was no pause. */
    static long[] heapAfterGc(Path gcLog) throws IOException {
        long max = 0;
        long last = 0;
        if (Files.exists(gcLog)) {
            for (String l : Files.readAllLines(gcLog)) {
                Matcher m = GC_AFTER.matcher(l);
                if (m.find()) {
                    last = Long.parseLong(m.group(2));
                    max = Math.max(max, last);
                }
            }
        }
        return new long[] {max, last};
    }

    private static long countLines(Path f) throws IOException {
        try (var lines = Files.lines(f)) {
            return lines.count();
        }
    }
}
