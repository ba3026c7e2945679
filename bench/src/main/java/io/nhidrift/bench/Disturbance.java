package io.nhidrift.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What may have disturbed a timed interval besides the code under test: CPU taken by other processes (and the
 * hypervisor's steal time) on this shared machine, this JVM's GC pauses, and the 1-minute load average. Read from
 * {@code /proc/stat}, {@code /proc/self/stat}, {@code /proc/loadavg} and the GC MX beans at the start and the end
 * of the interval; the figures are {@link Reading#UNKNOWN} where {@code /proc} is missing.
 */
final class Disturbance {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final long[] machine;
    private final long self;
    private final long gcMs;
    private final long startNanos = System.nanoTime();

    private Disturbance(long[] machine, long self, long gcMs) {
        this.machine = machine;
        this.self = self;
        this.gcMs = gcMs;
    }

    /**
     * One interval's disturbance.
     *
     * @param foreignCpuShare share of the whole machine's CPU (all cores) that other processes and the hypervisor
     *     (steal) used meanwhile, 0..1; NaN when unknown
     * @param gcShare this JVM's GC collection time (pauses, as the MX beans count them) over the wall time, 0..1
     * @param loadAverage the 1-minute load average at the end
     * @param wallSeconds the interval's wall time
     */
    record Reading(double foreignCpuShare, double gcShare, double loadAverage, double wallSeconds) {
        static final Reading UNKNOWN = new Reading(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    static Disturbance begin() {
        return new Disturbance(machineTicks(), selfTicks(), gcMillis());
    }

    Reading end() {
        long[] m = machineTicks();
        long s = selfTicks();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double gc = wall <= 0 ? Double.NaN : (gcMillis() - gcMs) / 1000.0 / wall;
        double foreign = Double.NaN;
        if (m != null && machine != null && s >= 0 && self >= 0) {
            double all = m[0] - machine[0];
            double busy = m[1] - machine[1];
            double ours = s - self;
            foreign = all <= 0 ? Double.NaN : Math.max(0, busy - ours) / all;
        }
        return new Reading(foreign, gc, loadAverage(), wall);
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {all ticks, busy ticks incl. steal} of the machine's aggregate "cpu" line; null when unknown. */
    private static long[] machineTicks() {
        try {
            String first = Files.readAllLines(STAT).get(0);
            String[] f = first.trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                all += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {all, all - idle};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of this process (all threads, also those that ended); -1 when unknown. */
    private static long selfTicks() {
        try {
            String stat = Files.readString(SELF);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
        }
        return ms;
    }
}
