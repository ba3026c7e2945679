package io.nhidrift.bench;

import java.util.Map;

/** One timed pass over n records: its rate, and the CPU milliseconds each thread group spent meanwhile ({@link CpuAccount}). */
record Measured(double perSecond, long n, Map<String, Double> cpuMs, Disturbance.Reading disturbance) {

    Measured(double perSecond, long n, Map<String, Double> cpuMs) {
        this(perSecond, n, cpuMs, Disturbance.Reading.UNKNOWN);
    }

    /** Wall seconds of the timed interval (from the disturbance reading; NaN when unknown). */
    double seconds() {
        return disturbance.wallSeconds();
    }

    /** CPU microseconds per record of a thread group (or "total"); 0 when not measured. */
    double cpuMicrosPerRecord(String group) {
        return cpuMs == null || n == 0 ? 0 : 1000 * cpuMs.getOrDefault(group, 0.0) / n;
    }

    /** The per-record CPU of every group, for the log. */
    String cpuLine() {
        if (cpuMs == null) {
            return "n/a";
        }
        StringBuilder b = new StringBuilder();
        cpuMs.forEach((k, v) -> {
            if (!k.equals("wall")) {
                b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f", cpuMicrosPerRecord(k)));
            }
        });
        return b.toString();
    }
}
