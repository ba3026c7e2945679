package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /metrics.json}: a small operator's selection of {@link KafkaStreams#metrics()}: nhi-drift's
 * own sensors (normalized, skipped and dead-lettered records per format) and the stream threads'
 * throughput and commit latency. For everything else, use JMX.
 */
public final class MetricsView {

    private static final Set<String> STREAMS_METRICS = Set.of("process-rate", "process-total", "commit-latency-avg",
            "commit-rate", "poll-records-avg", "alive-stream-threads", "failed-stream-threads");

    private MetricsView() {}

    public static ObjectNode render(KafkaStreams streams) {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("streams", streams.state().name());
        ArrayNode rows = n.putArray("metrics");
        streams.metrics().entrySet().stream()
                .filter(e -> selected(e.getKey()))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(MetricName::group)
                        .thenComparing(MetricName::name).thenComparing(m -> m.tags().toString())))
                .forEach(e -> row(rows.addObject(), e.getKey(), e.getValue()));
        return n;
    }

    static boolean selected(MetricName m) {
        if (m.group().contains("nhi-drift")) { // custom sensors: group "stream-nhi-drift-metrics"
            return true;
        }
        boolean threadOrClient = m.group().equals("stream-thread-metrics") || m.group().equals("stream-metrics");
        return threadOrClient && STREAMS_METRICS.contains(m.name());
    }

    private static void row(ObjectNode row, MetricName name, Metric metric) {
        row.put("group", name.group());
        row.put("name", name.name());
        ObjectNode tags = row.putObject("tags");
        new java.util.TreeMap<>(name.tags()).forEach(tags::put);
        Object v = metric.metricValue();
        if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
            row.put("value", num.doubleValue());
        } else if (v instanceof Number) {
            row.putNull("value");
        } else {
            row.put("value", String.valueOf(v));
        }
    }
}
