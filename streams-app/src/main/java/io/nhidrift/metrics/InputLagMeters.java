package io.nhidrift.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * {@code nhidrift_consumer_lag_records{topic, partition}}: how many records of an input topic-partition this
 * instance's main consumer has not yet fetched (the Kafka consumer's {@code records-lag}, the restore consumer
 * left out). Partitions come and go with rebalances, so gauges are added as partitions appear ({@link #refresh});
 * a partition no longer assigned reads NaN.
 */
final class InputLagMeters {

    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    private static final String LAG = "records-lag";

    private final MeterRegistry registry;
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Set<String> inputTopics;
    private final Set<String> registered = new HashSet<>();

    InputLagMeters(MeterRegistry registry, Supplier<Map<MetricName, ? extends Metric>> metrics, Set<String> inputTopics) {
        this.registry = registry;
        this.metrics = metrics;
        this.inputTopics = Set.copyOf(inputTopics);
    }

    /** Adds a gauge for every input topic-partition the consumer reports a lag for and that has none yet. */
    synchronized void refresh() {
        for (MetricName name : metrics.get().keySet()) {
            if (isInputLag(name) && registered.add(name.tags().get("topic") + "/" + name.tags().get("partition"))) {
                String topic = name.tags().get("topic");
                String partition = name.tags().get("partition");
                Gauge.builder("nhidrift.consumer.lag", metrics, m -> lag(m.get(), topic, partition))
                        .description("Records of an input topic-partition not yet fetched by this instance")
                        .baseUnit("records").tags("topic", topic, "partition", partition).register(registry);
            }
        }
    }

    private boolean isInputLag(MetricName name) {
        String client = name.tags().getOrDefault("client-id", "");
        return name.group().equals(FETCH_GROUP) && name.name().equals(LAG) && name.tags().containsKey("partition")
                && inputTopics.contains(name.tags().get("topic")) && !client.endsWith("restore-consumer");
    }

    static double lag(Map<MetricName, ? extends Metric> metrics, String topic, String partition) {
        double out = Double.NaN;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(FETCH_GROUP) && n.name().equals(LAG) && topic.equals(n.tags().get("topic"))
                    && partition.equals(n.tags().get("partition"))
                    && !n.tags().getOrDefault("client-id", "").endsWith("restore-consumer")
                    && e.getValue().metricValue() instanceof Number v && Double.isFinite(v.doubleValue())) {
                out = Double.isNaN(out) ? v.doubleValue() : Math.max(out, v.doubleValue());
            }
        }
        return out;
    }
}
