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

    /** The main run among {@code runs} (in time order): the one with the most events, the earliest on a tie. */
    static Run mainOf(java.util.List<Run> runs) {
        Run best = null;
        for (Run r : runs) {
            if (best == null || r.count() > best.count()) {
                best = r;
            }
        }
        return best;
    }

    /** Why the events of a run left out were not applied (the report's reason). */
    static String why(boolean before, long gapMs, Run main) {
        String run = java.time.Instant.ofEpochMilli(main.from()) + " to " + java.time.Instant.ofEpochMilli(main.to());
        String gap = io.nhidrift.config.Durations.format(java.time.Duration.ofMillis(gapMs));
        return "more than " + gap + " (replay.time-gap) " + (before ? "before" : "after")
                + " the other events, in a run of at most " + OUTLIER_SHARE_PERCENT + " % of the main run of event times ("
                + main.count() + " events, " + run + ")";
    }

    /**
     * The runs of the union of several sets of times, given the runs of each ({@code parts}, any order): runs that
     * overlap or lie within {@code gapMs} of each other are joined, their counts added. The same runs as those of all
     * the times together: adding times only shortens gaps, so no run of a part spans a gap of the union, and two
     * runs of the union are more than the gap apart.
     */
    static java.util.List<Run> union(java.util.List<Run> parts, long gapMs) {
        java.util.List<Run> sorted = new java.util.ArrayList<>(parts);
        sorted.sort(java.util.Comparator.comparingLong(Run::from));
        java.util.List<Run> out = new java.util.ArrayList<>();
        Run current = null;
        for (Run r : sorted) {
            if (current != null && (r.from() <= current.to() || !gapAbove(current.to(), r.from(), gapMs))) {
                current = new Run(current.from(), Math.max(current.to(), r.to()), current.count() + r.count());
            } else {
                if (current != null) {
                    out.add(current);
                }
                current = r;
            }
        }
        if (current != null) {
            out.add(current);
        }
        return out;
    }

    /**
     * The runs of event times given in any order, one at a time, as replay's reading threads meet them (bounded
     * memory: one entry per run). A time inside a run only counts; one outside joins the runs on either side that
     * it lies within the gap of (joining them to each other when it lies within the gap of both), else starts a
     * run of its own. So the runs are always those of the times added so far ({@code PlausibleTimeTest}).
     */
    static final class RunsInAnyOrder {
        private final long gapMs;
        /** Runs by their first time: {@code from -> {to, count}}. */
        private final java.util.TreeMap<Long, long[]> runs = new java.util.TreeMap<>();
        /** The run the last time fell in (its first time and entry): the next time usually falls in it too. */
        private long lastFrom;
        private long[] last;

        RunsInAnyOrder(long gapMs) {
            this.gapMs = gapMs;
        }

        void add(long t) {
            if (last != null && t >= lastFrom && t <= last[0]) {
                last[1]++;
                return;
            }
            java.util.Map.Entry<Long, long[]> below = runs.floorEntry(t);
            if (below != null && t <= below.getValue()[0]) {
                below.getValue()[1]++;
                remember(below.getKey(), below.getValue());
                return;
            }
            java.util.Map.Entry<Long, long[]> above = runs.higherEntry(t);
            boolean joinsBelow = below != null && !gapAbove(below.getValue()[0], t, gapMs);
            boolean joinsAbove = above != null && !gapAbove(t, above.getKey(), gapMs);
            if (joinsBelow) {
                long[] run = below.getValue();
                run[0] = joinsAbove ? above.getValue()[0] : t;
                run[1] += 1 + (joinsAbove ? above.getValue()[1] : 0);
                if (joinsAbove) {
                    runs.remove(above.getKey());
                }
                remember(below.getKey(), run);
            } else if (joinsAbove) {
                runs.remove(above.getKey());
                long[] run = {above.getValue()[0], above.getValue()[1] + 1};
                runs.put(t, run);
                remember(t, run);
            } else {
                long[] run = {t, 1};
                runs.put(t, run);
                remember(t, run);
            }
        }

        private void remember(long from, long[] run) {
            lastFrom = from;
            last = run;
        }

        /** Every run, in time order. */
        java.util.List<Run> runs() {
            java.util.List<Run> out = new java.util.ArrayList<>(runs.size());
            runs.forEach((from, run) -> out.add(new Run(from, run[0], (int) Math.min(run[1], Integer.MAX_VALUE))));
            return out;
        }
    }

    /** Whether {@code b - a > gap}, without overflow for times at the ends of the long range. */
    private static boolean gapAbove(long a, long b, long gapMs) {
        return b - a > gapMs || (b - a < 0 && b > a);
    }
}
