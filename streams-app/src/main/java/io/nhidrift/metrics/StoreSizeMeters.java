package io.nhidrift.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * {@code nhidrift_store_entries{store}}: the estimated number of entries of each state store over this instance's
 * active tasks (RocksDB's estimate, {@code approximateNumEntries}); NaN while the store is not queryable
 * (starting, rebalancing).
 */
final class StoreSizeMeters {

    private StoreSizeMeters() {}

    static void bind(MeterRegistry registry, KafkaStreams streams, List<String> stores) {
        for (String store : stores) {
            Gauge.builder("nhidrift.store.entries", streams, s -> entries(s, store))
                    .description("Estimated entries of a state store on this instance").tags("store", store)
                    .register(registry);
        }
    }

    static double entries(KafkaStreams streams, String store) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
                    .approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }
}
