package io.nhidrift.reliability;

import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topology.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The service's state as its changelogs hold it (what a restore rebuilds): for each store the latest
 * committed value of every key, decoded (credential states and entitlements as Avro records, compared by
 * value, not by bytes: a map's encoding order may differ after a restore while its content is the same).
 */
record StoreSnapshot(Map<String, Map<String, Object>> stores) {

    static final List<String> STORES = List.of(Names.CREDENTIAL_STATE_STORE, Names.INVENTORY_STORE, Names.TIME_INDEX_STORE);

    static StoreSnapshot read(String bootstrap, String applicationId) {
        AppSerdes serdes = AppSerdes.create(null);
        Map<String, Map<String, Object>> stores = new TreeMap<>();
        stores.put(Names.CREDENTIAL_STATE_STORE, latest(bootstrap, applicationId, Names.CREDENTIAL_STATE_STORE,
                StoreSnapshot::utf8, v -> serdes.credentialState().fromBytes(v)));
        stores.put(Names.INVENTORY_STORE, latest(bootstrap, applicationId, Names.INVENTORY_STORE,
                StoreSnapshot::utf8, v -> serdes.entitlement().fromBytes(v)));
        stores.put(Names.TIME_INDEX_STORE, latest(bootstrap, applicationId, Names.TIME_INDEX_STORE,
                k -> HexFormat.of().formatHex(k), v -> HexFormat.of().formatHex(v)));
        return new StoreSnapshot(stores);
    }

    private static Map<String, Object> latest(String bootstrap, String applicationId, String store,
            Function<byte[], String> key, Function<byte[], Object> value) {
        Map<String, Object> latest = new TreeMap<>();
        try (TopicTail tail = new TopicTail(bootstrap, applicationId + "-" + store + "-changelog")) {
            for (ConsumerRecord<byte[], byte[]> r : tail.drain(Duration.ofMinutes(2))) {
                if (r.value() == null) {
                    latest.remove(key.apply(r.key()));
                } else {
                    latest.put(key.apply(r.key()), value.apply(r.value()));
                }
            }
        }
        return latest;
    }

    int keys(String store) {
        return stores.getOrDefault(store, Map.of()).size();
    }

    /** Keys whose value differs from {@code expected}'s (absent on one side counts), per store. */
    Map<String, List<String>> differences(StoreSnapshot expected) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String store : STORES) {
            Map<String, Object> mine = stores.getOrDefault(store, Map.of());
            Map<String, Object> theirs = expected.stores.getOrDefault(store, Map.of());
            TreeSet<String> all = new TreeSet<>(mine.keySet());
            all.addAll(theirs.keySet());
            List<String> differing = all.stream().filter(k -> !Objects.equals(mine.get(k), theirs.get(k))).toList();
            if (!differing.isEmpty()) {
                out.put(store, differing);
            }
        }
        return out;
    }

    /** The fields of one key's value that differ from {@code expected}'s, for a report: {@code field: theirs -> mine}. */
    String describeDifference(String store, String key, StoreSnapshot expected) {
        Object mine = stores.getOrDefault(store, Map.of()).get(key);
        Object theirs = expected.stores.getOrDefault(store, Map.of()).get(key);
        if (!(mine instanceof org.apache.avro.specific.SpecificRecord m) || !(theirs instanceof org.apache.avro.specific.SpecificRecord t)) {
            return key + ": " + theirs + " -> " + mine;
        }
        StringBuilder b = new StringBuilder(key).append(':');
        for (org.apache.avro.Schema.Field f : m.getSchema().getFields()) {
            if (!Objects.equals(m.get(f.pos()), t.get(f.pos()))) {
                b.append(' ').append(f.name()).append(": ").append(t.get(f.pos())).append(" -> ").append(m.get(f.pos()));
            }
        }
        return b.toString();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
