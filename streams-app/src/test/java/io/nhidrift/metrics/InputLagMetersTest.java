package io.nhidrift.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nhidrift.testing.UnitTest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The lag gauges follow the main consumer's partitions of the input topics, and the snapshot is read once per second. */
@UnitTest
class InputLagMetersTest {

    private static MetricName lag(String client, String topic, int partition) {
        return new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition)));
    }

    private static Metric value(double v) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return v;
            }
        };
    }

    @Test
    void aGaugePerInputPartitionOfTheMainConsumerOnly() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        metrics.put(lag("app-StreamThread-1-consumer", "nhi.raw.cloudtrail", 0), value(7));
        metrics.put(lag("app-StreamThread-1-restore-consumer", "nhi.raw.cloudtrail", 0), value(99));
        metrics.put(lag("app-StreamThread-1-consumer", "some.other.topic", 0), value(5));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InputLagMeters meters = new InputLagMeters(registry, () -> metrics, Set.of("nhi.raw.cloudtrail"));

        meters.refresh();
        assertEquals(1, registry.find("nhidrift.consumer.lag").gauges().size());
        assertEquals(7, registry.get("nhidrift.consumer.lag").tag("topic", "nhi.raw.cloudtrail").tag("partition", "0")
                .gauge().value());

        metrics.put(lag("app-StreamThread-1-consumer", "nhi.raw.cloudtrail", 1), value(3));
        meters.refresh();
        assertEquals(2, registry.find("nhidrift.consumer.lag").gauges().size(), "a newly assigned partition gets a gauge");

        metrics.remove(lag("app-StreamThread-1-consumer", "nhi.raw.cloudtrail", 0));
        assertTrue(Double.isNaN(registry.get("nhidrift.consumer.lag").tag("partition", "0").gauge().value()),
                "a partition no longer assigned reads NaN");
    }

    @Test
    void theSnapshotIsReadAgainOnlyAfterItsMaxAge() {
        AtomicLong clock = new AtomicLong(0);
        AtomicLong reads = new AtomicLong();
        StreamsMetricsSnapshot snapshot = new StreamsMetricsSnapshot(() -> {
            reads.incrementAndGet();
            return Map.of();
        }, clock::get, 1000);
        snapshot.get();
        clock.set(999);
        snapshot.get();
        assertEquals(1, reads.get());
        clock.set(1000);
        snapshot.get();
        assertEquals(2, reads.get());
    }
}
