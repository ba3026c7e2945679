package io.nhidrift.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether one run — pipeline, limit and floor timed on the same records, one after the other — can be trusted, and
 * if not, why. A rejected run is measured again (up to a bound); its figures are logged, not used. The rules, each
 * from a failure seen on this shared 2-core machine:
 * <ul>
 *   <li><b>too few records</b>: a measurement timed over less than {@link #MIN_SECONDS} or fewer than
 *       {@link #MIN_RECORDS} records is dominated by polling granularity (20 ms) and the first fetches;</li>
 *   <li><b>load</b>: other processes (or the hypervisor's steal) took more than {@link #MAX_FOREIGN_CPU} of the
 *       machine's CPU during any of the three measurements — the figures then measure the neighbours as much as the
 *       code (three quick runs on one commit once gave a limit of 28 k and of 215 k records/s);</li>
 *   <li><b>GC</b>: this JVM's GC pauses took more than {@link #MAX_GC_SHARE} of a measurement's wall time;</li>
 *   <li><b>JIT</b>: the JIT compiler threads spent more than {@link Throughput#JIT_SETTLED_MICROS} µs of CPU per
 *       record during the pipeline or floor measurement (still compiling, see {@link CpuAccount});</li>
 *   <li><b>order</b>: the limit (a plain consumer and a parse) slower than the floor, or the floor (a Streams
 *       application doing a subset of the pipeline's work) slower than the pipeline — impossible unless one of them
 *       was disturbed in a way the figures above did not catch;</li>
 *   <li><b>limit passes disagree</b>: the two fastest timed limit passes differ by more than {@link #MAX_LIMIT_DISAGREEMENT}.</li>
 * </ul>
 */
final class RunCheck {

    static final double MIN_SECONDS = 0.15;
    static final long MIN_RECORDS = 5_000;
    static final double MAX_FOREIGN_CPU = 0.15;
    static final double MAX_GC_SHARE = 0.15;
    static final double MAX_LIMIT_DISAGREEMENT = 0.25;

    private RunCheck() {}

    /** The reasons to reject the run; empty when it is plausible. {@code floor} may be null (not measured). */
    static List<String> reasons(Measured pipeline, ConsumerLimit.Passes limit, Measured floor) {
        List<String> why = new ArrayList<>();
        measurement("pipeline", pipeline, true, why);
        measurement("limit", limit.best(), false, why);
        measurement("limit (other pass)", limit.other(), false, why);
        if (floor != null) {
            measurement("floor", floor, true, why);
            if (limit.best().perSecond() < floor.perSecond()) {
                why.add(String.format(Locale.ROOT, "order: limit %,.0f records/s below the floor %,.0f events/s",
                        limit.best().perSecond(), floor.perSecond()));
            }
            if (floor.perSecond() < pipeline.perSecond()) {
                why.add(String.format(Locale.ROOT, "order: floor %,.0f events/s below the pipeline %,.0f events/s",
                        floor.perSecond(), pipeline.perSecond()));
            }
        } else if (limit.best().perSecond() < pipeline.perSecond()) {
            why.add(String.format(Locale.ROOT, "order: limit %,.0f records/s below the pipeline %,.0f events/s",
                    limit.best().perSecond(), pipeline.perSecond()));
        }
        if (limit.disagreement() > MAX_LIMIT_DISAGREEMENT) {
            why.add(String.format(Locale.ROOT, "limit passes disagree: %,.0f vs %,.0f records/s", limit.best().perSecond(),
                    limit.other().perSecond()));
        }
        return why;
    }

    private static void measurement(String name, Measured m, boolean jitMatters, List<String> why) {
        Disturbance.Reading d = m.disturbance();
        if (m.n() < MIN_RECORDS || d.wallSeconds() < MIN_SECONDS) {
            why.add(String.format(Locale.ROOT, "too few records: %s timed over %,d records in %.2f s", name, m.n(), d.wallSeconds()));
        }
        if (d.foreignCpuShare() > MAX_FOREIGN_CPU) {
            why.add(String.format(Locale.ROOT, "load: other processes took %.0f %% of the machine's CPU during the %s (load average %.2f)",
                    100 * d.foreignCpuShare(), name, d.loadAverage()));
        }
        if (d.gcShare() > MAX_GC_SHARE) {
            why.add(String.format(Locale.ROOT, "GC: pauses took %.0f %% of the %s's wall time", 100 * d.gcShare(), name));
        }
        double jit = m.cpuMicrosPerRecord("JIT compiler");
        if (jitMatters && jit > Throughput.JIT_SETTLED_MICROS) {
            why.add(String.format(Locale.ROOT, "JIT: still compiling, %.1f µs of CPU per record during the %s", jit, name));
        }
    }
}
