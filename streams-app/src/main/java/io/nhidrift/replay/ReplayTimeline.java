package io.nhidrift.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import io.nhidrift.json.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The inputs of replay's stage 2 in the order they are applied: by time, inventory before events at
 * the same time, then by a stable key (source and event id; credential id) and arrival. An inventory
 * version without {@code asOf} takes the earliest known time; inputs after {@code until} are dropped.
 */
final class ReplayTimeline {

    private final List<Step> steps = new ArrayList<>();

    void addEvent(UsageEvent e, String input) {
        addEvent(e, input, null);
    }

    /** An event of {@code input}, read from the record at {@code origin} (for the report). */
    void addEvent(UsageEvent e, String input, String origin) {
        Step s = Step.event(e, input, steps.size());
        s.origin = origin;
        steps.add(s);
    }

    /**
     * Leaves out the events outside the main run of event times ({@link PlausibleTime}), reporting them per input
     * and side (before, after) to {@code report}; returns the main run, or null when there are no events.
     */
    PlausibleTime.Run dropImplausible(long gapMs, ReplayReport report) {
        long[] times = steps.stream().filter(s -> s.event != null).mapToLong(s -> s.time).toArray();
        PlausibleTime.Run main = PlausibleTime.mainRun(times, gapMs);
        if (main == null || main.count() == times.length) {
            return main;
        }
        List<PlausibleTime.Run> dropped = PlausibleTime.runs(times, gapMs).stream()
                .filter(r -> !PlausibleTime.kept(r, main)).toList();
        if (dropped.isEmpty()) {
            return main;
        }
        java.util.function.LongPredicate implausible = t -> dropped.stream().anyMatch(r -> r.contains(t));
        Map<String, List<Step>> left = new TreeMap<>();
        steps.stream().filter(s -> s.event != null && implausible.test(s.time))
                .sorted(Comparator.comparingLong(s -> s.time))
                .forEach(s -> left.computeIfAbsent((s.time < main.from() ? "0" : "1") + s.input, k -> new ArrayList<>()).add(s));
        left.forEach((key, list) -> {
            Step first = list.get(0);
            report.implausible(first.input, list.size(), first.time, list.get(list.size() - 1).time,
                    first.origin == null ? "?" : first.origin, PlausibleTime.why(key.charAt(0) == '0', gapMs, main));
        });
        steps.removeIf(s -> s.event != null && implausible.test(s.time));
        return main;
    }

    /** Credential ids of the inventory records added so far. */
    java.util.Set<String> inventoryIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Step s : steps) {
            if (s.inventoryKey != null) {
                ids.add(s.inventoryKey);
            }
        }
        return ids;
    }

    void addInventory(RawRecord r) {
        steps.add(Step.inventory(r, inventoryKey(r.bytes()), asOf(r.bytes()), steps.size()));
    }

    /**
     * Drops what lies after {@code until} (reporting each dropped event's input), dates inventory
     * without {@code asOf}, sorts, and returns the effective {@code until}: the given one, else the
     * latest event time, else the latest inventory time, else now.
     */
    long order(Instant until, Consumer<String> afterUntil) {
        long untilMs = until != null ? until.toEpochMilli() : latest();
        steps.removeIf(s -> s.time > untilMs && countAfterUntil(s, afterUntil));
        long start = steps.stream().filter(s -> s.time != Long.MIN_VALUE).mapToLong(s -> s.time).min().orElse(untilMs);
        steps.forEach(s -> s.time = s.time == Long.MIN_VALUE ? start : s.time);
        steps.sort(Comparator.<Step>comparingLong(s -> s.time).thenComparingInt(s -> s.event == null ? 0 : 1)
                .thenComparing(s -> s.sortKey).thenComparingLong(s -> s.seq));
        return untilMs;
    }

    /** The steps, in the order {@link #order} left them. */
    List<Step> steps() {
        return steps;
    }

    private static boolean countAfterUntil(Step s, Consumer<String> afterUntil) {
        if (s.input != null) {
            afterUntil.accept(s.input);
        }
        return true;
    }

    private long latest() {
        long events = steps.stream().filter(s -> s.event != null).mapToLong(s -> s.time).max().orElse(Long.MIN_VALUE);
        if (events != Long.MIN_VALUE) {
            return events;
        }
        return steps.stream().mapToLong(s -> s.time).filter(t -> t != Long.MIN_VALUE).max()
                .orElse(System.currentTimeMillis());
    }

    static String inventoryKey(byte[] bytes) {
        try {
            JsonNode n = Json.parse(bytes);
            return Fields.text(n, "credentialId", false);
        } catch (Exception e) {
            return null;
        }
    }

    static long asOf(byte[] bytes) {
        try {
            Long t = Times.isoMillis(Fields.text(Json.parse(bytes), "asOf", false));
            return t == null ? Long.MIN_VALUE : t;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }

    /** One input of stage 2: an event or an inventory record, at its time. */
    static final class Step {
        long time;
        final UsageEvent event;
        final RawRecord raw;
        final String inventoryKey;
        final String sortKey;
        final String input;
        final long seq;
        String origin;

        private Step(long time, UsageEvent event, RawRecord raw, String inventoryKey, String sortKey, String input, long seq) {
            this.time = time;
            this.event = event;
            this.raw = raw;
            this.inventoryKey = inventoryKey;
            this.sortKey = sortKey;
            this.input = input;
            this.seq = seq;
        }

        static Step event(UsageEvent e, String input, long seq) {
            return new Step(e.getEventTime(), e, null, null, e.getSource() + "\u0000" + e.getEventId(), input, seq);
        }

        static Step inventory(RawRecord r, String key, long asOf, long seq) {
            return new Step(asOf, null, r, key, key == null ? "" : key, null, seq);
        }
    }
}
