package io.nhidrift.replay;

import java.util.Arrays;

/**
 * Which event times replay believes (README "replay", "Time"): the event times of all inputs, sorted, fall into
 * runs wherever two consecutive times are more than {@code replay.time-gap} apart; the <b>main run</b> is the one
 * with the most events (on a tie, the earliest). A run separated from the others like that and holding at most
 * {@value #OUTLIER_SHARE_PERCENT} % of the main run's events is implausible: left out, reported and counted.
 * For ordinary input (one contiguous stretch of logs) the main run is everything, so nothing changes; a small
 * history with long silences (two uses 120 days apart) keeps every event; one record stamped 2099 or 1970 in
 * a real log forms a tiny run of its own and can neither move the default {@code --until} nor date alerts
 * decades away. Times before 1970 never get here (their records are rejected by stage 1).
 */
final class PlausibleTime {

    /** A stretch of event times {@code [from, to]} holding {@code count} events. */
    record Run(long from, long to, int count) {
        boolean contains(long t) {
            return t >= from && t <= to;
        }
    }

    /** Largest share (percent of the main run's events) of a separated run that is still treated as an outlier. */
    static final int OUTLIER_SHARE_PERCENT = 1;

    private PlausibleTime() {}

    /** Whether the events of {@code run} are believed, given the main run. */
    static boolean kept(Run run, Run main) {
        return run.equals(main) || (long) run.count() * 100 > (long) main.count() * OUTLIER_SHARE_PERCENT;
    }

    /** Every run of {@code times} (any order; not modified), in time order. */
    static java.util.List<Run> runs(long[] times, long gapMs) {
        long[] t = times.clone();
        Arrays.sort(t);
        java.util.List<Run> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 1; i <= t.length; i++) {
            if (i == t.length || gapAbove(t[i - 1], t[i], gapMs)) {
                out.add(new Run(t[start], t[i - 1], i - start));
                start = i;
            }
        }
        return out;
    }

    /** The main run of {@code times} (any order; not modified), or null if there are none. */
    static Run mainRun(long[] times, long gapMs) {
        if (times.length == 0) {
            return null;
        }
        long[] t = times.clone();
        Arrays.sort(t);
        Run best = null;
        int start = 0;
        for (int i = 1; i <= t.length; i++) {
            if (i == t.length || gapAbove(t[i - 1], t[i], gapMs)) {
                Run r = new Run(t[start], t[i - 1], i - start);
                if (best == null || r.count() > best.count()) {
                    best = r;
                }
                start = i;
            }
        }
        return best;
    }

    /** Whether {@code b - a > gap}, without overflow for times at the ends of the long range. */
    private static boolean gapAbove(long a, long b, long gapMs) {
        return b - a > gapMs || (b - a < 0 && b > a);
    }
}
