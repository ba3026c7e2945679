package io.nhidrift.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What replay must know about the event times before it applies anything, tallied by the reading threads as they
 * read ({@link Tally}; bounded memory: one entry per run of times and per inventoried credential): the runs of event
 * times and which are implausible ({@link PlausibleTime}; reported per input and side as the topology path does),
 * and the counts behind the {@link LateInventory} warning. A pass over the sorted events on disk is made only when
 * some run is implausible (to report them).
 */
final class TimeSurvey {

    /** The runs left out, in time order; empty for ordinary input. */
    final List<PlausibleTime.Run> dropped;
    /** The main run, or null without events. */
    final PlausibleTime.Run main;
    private final List<PlausibleTime.Run> all;
    private final Map<String, long[]> lateCounts = new HashMap<>();

    private TimeSurvey(List<PlausibleTime.Run> all, PlausibleTime.Run main, List<PlausibleTime.Run> dropped) {
        this.all = all;
        this.main = main;
        this.dropped = dropped;
    }

    /**
     * Joins what the reading threads tallied ({@code tallies}) and reports implausible events to {@code report},
     * reading {@code events} (in time order) again only when some run is implausible. The runs of all events are the
     * threads' runs joined wherever they overlap or lie within the gap of each other ({@link PlausibleTime#union}),
     * and the late counts are the threads' counts added up.
     */
    static TimeSurvey of(List<Tally> tallies, ShardedSorter<TimelineEntry> events, long gapMs,
            Map<String, Long> firstAsOf, List<ReplayRunner.Input> inputs, TimelineReader reader, ReplayReport report)
            throws IOException {
        List<PlausibleTime.Run> threadRuns = new ArrayList<>();
        Map<String, long[]> late = new HashMap<>();
        for (Tally tally : tallies) {
            threadRuns.addAll(tally.runs.runs());
            tally.late.forEach((credential, c) -> {
                long[] sum = late.computeIfAbsent(credential, k -> new long[2]);
                sum[0] += c[0];
                sum[1] += c[1];
            });
        }
        List<PlausibleTime.Run> all = PlausibleTime.union(threadRuns, gapMs);
        PlausibleTime.Run main = PlausibleTime.mainOf(all);
        List<PlausibleTime.Run> dropped = main == null ? List.of() : all.stream().filter(r -> !PlausibleTime.kept(r, main)).toList();
        TimeSurvey survey = new TimeSurvey(all, main, dropped);
        survey.lateCounts.putAll(late);
        if (!dropped.isEmpty()) {
            survey.reportImplausible(events, gapMs, firstAsOf, inputs, reader, report);
        }
        return survey;
    }

    /**
     * One reading thread's survey of the events it reads, in whatever order it meets them: the runs of their times,
     * and per inventoried credential its events before the credential's first {@code asOf} and all its events
     * ({@code firstAsOf} is known before the events are read, and only read here). So the survey costs no pass of
     * its own over the sorted events.
     */
    static final class Tally {
        private final PlausibleTime.RunsInAnyOrder runs;
        private final Map<String, Long> firstAsOf;
        private final Map<String, long[]> late = new HashMap<>();

        Tally(long gapMs, Map<String, Long> firstAsOf) {
            this.runs = new PlausibleTime.RunsInAnyOrder(gapMs);
            this.firstAsOf = firstAsOf;
        }

        void add(long time, String credentialId) {
            runs.add(time);
            countLate(late, firstAsOf, credentialId, time, 1);
        }
    }

    LateInventory lateInventory() {
        return LateInventory.of(lateCounts);
    }

    /** A cursor over the dropped runs for times met in ascending order. */
    Cursor cursor() {
        return new Cursor();
    }

    /** The earliest event time kept (not implausible), or null without events. */
    Long earliestKept() {
        return all.stream().filter(r -> !dropped.contains(r)).map(PlausibleTime.Run::from).findFirst().orElse(null);
    }

    /** The latest event time kept (not implausible), or null without events. */
    Long latestKept() {
        return all.stream().filter(r -> !dropped.contains(r)).map(PlausibleTime.Run::to).reduce((a, b) -> b).orElse(null);
    }

    private void reportImplausible(ShardedSorter<TimelineEntry> events, long gapMs, Map<String, Long> firstAsOf,
            List<ReplayRunner.Input> inputs, TimelineReader reader, ReplayReport report) throws IOException {
        Map<String, Side> sides = new TreeMap<>();
        Cursor cursor = cursor();
        try (ExternalSorter.Merge<TimelineEntry> it = events.merged(TimelineEntry.HEADERS)) {
            while (it.hasNext()) {
                TimelineEntry e = it.next();
                if (!cursor.implausible(e.time())) {
                    continue;
                }
                countLate(lateCounts, firstAsOf, e.credentialId(), e.time(), -1);
                String input = inputs.get(e.input()).toString();
                Side s = sides.computeIfAbsent((e.time() < main.from() ? "0" : "1") + input, k -> new Side(input));
                if (s.count == 0 || e.time() < s.first || (e.time() == s.first && e.seq() < s.firstSeq)) {
                    s.first = e.time();
                    s.firstSeq = e.seq();
                    s.firstOrigin = reader.origin(e);
                }
                s.last = Math.max(s.last, e.time());
                s.count++;
            }
        }
        sides.forEach((key, s) -> report.implausible(s.input, s.count, s.first, s.last, s.firstOrigin,
                PlausibleTime.why(key.charAt(0) == '0', gapMs, main)));
    }

    private static void countLate(Map<String, long[]> counts, Map<String, Long> firstAsOf, String credentialId,
            long time, int sign) {
        Long asOf = firstAsOf.get(credentialId);
        if (asOf != null) {
            long[] c = counts.computeIfAbsent(credentialId, k -> new long[2]);
            c[0] += time < asOf ? sign : 0;
            c[1] += sign;
        }
    }

    /** Which of the times met in ascending order fall in a dropped run. */
    final class Cursor {
        private int next;

        boolean implausible(long t) {
            while (next < dropped.size() && dropped.get(next).to() < t) {
                next++;
            }
            return next < dropped.size() && dropped.get(next).contains(t);
        }
    }

    private static final class Side {
        final String input;
        long count;
        long first;
        long firstSeq;
        long last = Long.MIN_VALUE;
        String firstOrigin;

        Side(String input) {
            this.input = input;
        }
    }
}
