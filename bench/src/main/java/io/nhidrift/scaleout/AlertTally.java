package io.nhidrift.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a run committed to the JSON alert topic: each alertId with how often it was read (a redelivered alert counts
 * twice), and the alert types per credential.
 */
public record AlertTally(Map<String, Integer> counts, Map<String, Set<String>> typesByCredential, Map<String, Integer> byType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static AlertTally of(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<String>> types = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode alert = parse(r.value());
            counts.merge(alert.path("alertId").asText(), 1, Integer::sum);
            types.computeIfAbsent(alert.path("credentialId").asText(), k -> new TreeSet<>()).add(alert.path("type").asText());
            byType.merge(alert.path("type").asText(), 1, Integer::sum);
        }
        return new AlertTally(counts, types, byType);
    }

    /** Alert records read, copies included. */
    public int records() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Extra copies of alert ids read more than once. */
    public int duplicated() {
        return counts.values().stream().mapToInt(c -> c - 1).sum();
    }

    /** Alert ids of {@code expected} this run never committed. */
    public Set<String> lostAgainst(AlertTally expected) {
        Set<String> lost = new TreeSet<>(expected.counts.keySet());
        lost.removeAll(counts.keySet());
        return lost;
    }

    /** Alert ids this run committed that {@code expected} does not have. */
    public Set<String> unexpectedAgainst(AlertTally expected) {
        Set<String> extra = new TreeSet<>(counts.keySet());
        extra.removeAll(expected.counts.keySet());
        return extra;
    }

    public Set<String> types(String credentialId) {
        return typesByCredential.getOrDefault(credentialId, Set.of());
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
