package io.nhidrift.metrics;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * {@code KafkaStreams#metrics()} read at most once per {@code maxAgeMs}: one scrape reads dozens of nhi-drift
 * meters, each a sum over the same map, and building that map walks every client metric.
 */
final class StreamsMetricsSnapshot implements Supplier<Map<MetricName, ? extends Metric>> {

    private final Supplier<Map<MetricName, ? extends Metric>> source;
    private final LongSupplier clock;
    private final long maxAgeMs;
    private Map<MetricName, ? extends Metric> cached;
    private long readAt;

    StreamsMetricsSnapshot(Supplier<Map<MetricName, ? extends Metric>> source, LongSupplier clock, long maxAgeMs) {
        this.source = source;
        this.clock = clock;
        this.maxAgeMs = maxAgeMs;
    }

    @Override
    public synchronized Map<MetricName, ? extends Metric> get() {
        long now = clock.getAsLong();
        if (cached == null || now - readAt >= maxAgeMs) {
            cached = source.get();
            readAt = now;
        }
        return cached;
    }
}
