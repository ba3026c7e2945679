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
import java.util.function.Consumer;

/**
 * The inputs of replay's stage 2 in the order they are applied: by time, inventory before events at
 * the same time, then by a stable key (source and event id; credential id) and arrival. An inventory
 * version without {@code asOf} takes the earliest known time; inputs after {@code until} are dropped.
 */
final class ReplayTimeline {

    private final List<Step> steps = new ArrayList<>();

    void addEvent(UsageEvent e, String input) {
        steps.add(Step.event(e, input, steps.size()));
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

    private static String inventoryKey(byte[] bytes) {
        try {
            JsonNode n = Json.parse(bytes);
            return Fields.text(n, "credentialId", false);
        } catch (Exception e) {
            return null;
        }
    }

    private static long asOf(byte[] bytes) {
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
