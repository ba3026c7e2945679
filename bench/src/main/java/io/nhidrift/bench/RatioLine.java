package io.nhidrift.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The bench's last word, for comparing two commits: the pipeline's throughput as a fraction of the architecture
 * floor and of the limit, medians of the accepted runs at the first credential count (each run's ratio is taken on
 * the same records, so a slow moment of the machine affects both sides). Before it, on stderr, the spread and the
 * rejected runs; then, on stdout, exactly one line {@code ratio pipeline/floor=<x> pipeline/limit=<y>}.
 */
final class RatioLine {

    /** Above this spread ((max − min) / median of the accepted runs) a difference between two commits is not read as one. */
    static final double MAX_SPREAD = 0.20;

    private RatioLine() {}

    static void print(Throughput.Result t, PrintStream out) {
        System.err.println(String.format(Locale.ROOT, "[bench] %,d credentials: pipeline/floor %s, pipeline/limit %s; %d accepted of %d "
                + "attempts; load average %s, other processes' share of the CPU up to %s", t.credentials, describe(t.floorRatio),
                describe(t.ratio), t.accepted, t.attempts, Stats.num(t.loadAverage.median()), pct(t.foreignCpu.max())));
        t.rejected.forEach(r -> System.err.println("[bench]   rejected " + r));
        double spread = Math.max(spread(t.floorRatio), spread(t.ratio));
        if (t.accepted == 0) {
            System.err.println("[bench] WARNING: no run was plausible; the ratios below are n/a");
        } else if (spread > MAX_SPREAD) {
            System.err.println(String.format(Locale.ROOT, "[bench] WARNING: the accepted runs spread %.0f %% (> %.0f %%): "
                    + "a difference between two commits smaller than that is noise", 100 * spread, 100 * MAX_SPREAD));
        }
        System.err.flush();
        out.println(line(t.floorRatio, t.ratio));
        out.flush();
    }

    static String line(Stats floorRatio, Stats limitRatio) {
        return "ratio pipeline/floor=" + fraction(floorRatio) + " pipeline/limit=" + fraction(limitRatio);
    }

    /** (max − min) / median; 0 with fewer than two values. */
    static double spread(Stats s) {
        return s.n() < 2 ? 0 : (s.max() - s.min()) / s.median();
    }

    private static String fraction(Stats s) {
        return s.n() == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", s.median());
    }

    private static String describe(Stats s) {
        if (s.n() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f (%.3f – %.3f, %d runs, spread %.0f %%)", s.median(), s.min(), s.max(), s.n(),
                100 * spread(s));
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
