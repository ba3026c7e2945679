package io.nhidrift.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What replay must know about the event times before it applies anything, read from the sorted events on disk
 * (bounded memory: one entry per run of times and per inventoried credential): the runs of event times and which
 * are implausible ({@link PlausibleTime}; reported per input and side as the topology path does), and the counts
 * behind the {@link LateInventory} warning. A second pass is made only when some run is implausible.
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
     * Surveys {@code events} (re-readable, in time order), reporting implausible events to {@code report}. Each shard
     * is surveyed on a thread of its own (its runs of times and its credentials' late counts); the runs of all events
     * are the shards' runs joined wherever they overlap or lie within the gap of each other
     * ({@link PlausibleTime#union}), and the counts are disjoint (a credential's events are all in one shard).
     */
    static TimeSurvey of(ShardedSorter<TimelineEntry> events, long gapMs, Map<String, Long> firstAsOf,
            List<ReplayRunner.Input> inputs, TimelineReader reader, ReplayReport report) throws IOException {
        List<Part> parts = surveyShards(events, gapMs, firstAsOf);
        List<PlausibleTime.Run> shardRuns = new ArrayList<>();
        Map<String, long[]> late = new HashMap<>();
        for (Part part : parts) {
            shardRuns.addAll(part.runs());
            late.putAll(part.late());
        }
        List<PlausibleTime.Run> all = PlausibleTime.union(shardRuns, gapMs);
        PlausibleTime.Run main = PlausibleTime.mainOf(all);
        List<PlausibleTime.Run> dropped = main == null ? List.of() : all.stream().filter(r -> !PlausibleTime.kept(r, main)).toList();
        TimeSurvey survey = new TimeSurvey(all, main, dropped);
        survey.lateCounts.putAll(late);
        if (!dropped.isEmpty()) {
            survey.reportImplausible(events, gapMs, firstAsOf, inputs, reader, report);
        }
        return survey;
    }

    /** One shard's survey: its runs of event times and the late counts of its credentials. */
    private record Part(List<PlausibleTime.Run> runs, Map<String, long[]> late) {}

    private static List<Part> surveyShards(ShardedSorter<TimelineEntry> events, long gapMs, Map<String, Long> firstAsOf)
            throws IOException {
        List<java.util.concurrent.Callable<Part>> tasks = new ArrayList<>();
        for (int i = 0; i < events.shards(); i++) {
            int shard = i;
            tasks.add(() -> surveyShard(events, shard, gapMs, firstAsOf));
        }
        return ShardThreads.runAll("survey", tasks, () -> { });
    }

    private static Part surveyShard(ShardedSorter<TimelineEntry> events, int shard, long gapMs, Map<String, Long> firstAsOf)
            throws IOException {
        PlausibleTime.Runs runs = new PlausibleTime.Runs(gapMs);
        Map<String, long[]> late = new HashMap<>();
        try (ExternalSorter.Merge<TimelineEntry> it = events.mergedShard(shard, TimelineEntry.HEADERS)) {
            while (it.hasNext()) {
                TimelineEntry e = it.next();
                runs.add(e.time());
                countLate(late, firstAsOf, e, 1);
            }
        }
        return new Part(runs.runs(), late);
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
                countLate(lateCounts, firstAsOf, e, -1);
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

    private static void countLate(Map<String, long[]> counts, Map<String, Long> firstAsOf, TimelineEntry e, int sign) {
        Long asOf = firstAsOf.get(e.credentialId());
        if (asOf != null) {
            long[] c = counts.computeIfAbsent(e.credentialId(), k -> new long[2]);
            c[0] += e.time() < asOf ? sign : 0;
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
