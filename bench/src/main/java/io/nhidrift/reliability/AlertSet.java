package io.nhidrift.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The alerts a run committed to the JSON alert topic, as a multiset of alert ids (an id read twice counts
 * twice) with each alert's JSON. The comparison is by alertId multiset: a redelivered alert — say a kill
 * after the alert's transaction committed but before its input offsets did, and the input processed again —
 * appears here with count 2 and is counted as duplicated; an alert whose transaction was aborted and never
 * redone is missing and counted as lost.
 */
record AlertSet(Map<String, Integer> counts, Map<String, JsonNode> byId, Map<String, Integer> byType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AlertSet of(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, JsonNode> byId = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode alert = parse(r.value());
            String id = alert.path("alertId").asText();
            counts.merge(id, 1, Integer::sum);
            byId.putIfAbsent(id, alert);
            byType.merge(alert.path("type").asText(), 1, Integer::sum);
        }
        return new AlertSet(counts, byId, byType);
    }

    /** Alert records read (duplicates included). */
    int records() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Ids read more than once, counted once per extra copy. */
    int duplicatedWithin() {
        return counts.values().stream().mapToInt(c -> c - 1).sum();
    }

    /** Copies of {@code expected}'s alerts that this run lacks. */
    int lostAgainst(AlertSet expected) {
        int lost = 0;
        for (var e : expected.counts.entrySet()) {
            lost += Math.max(0, e.getValue() - counts.getOrDefault(e.getKey(), 0));
        }
        return lost;
    }

    /** Extra copies of {@code expected}'s alerts (an id it has once, read twice here). */
    int duplicatedAgainst(AlertSet expected) {
        int extra = 0;
        for (var e : counts.entrySet()) {
            Integer theirs = expected.counts.get(e.getKey());
            if (theirs != null) {
                extra += Math.max(0, e.getValue() - theirs);
            }
        }
        return extra;
    }

    /** Alerts {@code expected} never had (a different outcome, not a copy). */
    int unexpectedAgainst(AlertSet expected) {
        return counts.entrySet().stream().filter(e -> !expected.counts.containsKey(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Ids in both runs whose alert content differs. */
    List<String> changedAgainst(AlertSet expected) {
        return byId.keySet().stream().filter(expected.byId::containsKey)
                .filter(id -> !byId.get(id).equals(expected.byId.get(id))).toList();
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
