package io.nhidrift.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The counters of the detect processor (group {@code nhi-drift}, like {@link NormalizeMetrics}): alerts emitted per
 * type and severity (tags {@code alert-type}, {@code severity}), and the duration of each wall-clock punctuation in
 * milliseconds ({@code punctuation-latency-avg}, {@code -max}, {@code punctuation-total}). The only place that
 * knows their names; the Prometheus endpoint reads them through the static readers.
 */
public final class DetectMetrics {

    private static final String ALERTS_PREFIX = "alerts-emitted-";
    /**
     * Not {@code type}: JMX names a metric's MBean by its group ({@code type=…}) and its tags, and an ObjectName with
     * the key {@code type} twice is malformed, so the metric never reached JMX and every new sensor logged an error.
     */
    static final String ALERT_TYPE_TAG = "alert-type";
    private static final String PUNCTUATION = "punctuation";

    private final ProcessorContext<?, ?> context;
    private final Map<String, Sensor> alerts = new HashMap<>();
    private final Sensor punctuation;

    DetectMetrics(ProcessorContext<?, ?> context) {
        this.context = context;
        this.punctuation = context.metrics().addLatencyRateTotalSensor(NormalizeMetrics.GROUP, context.taskId().toString(),
                PUNCTUATION, Sensor.RecordingLevel.INFO);
    }

    /** One alert of {@code type} with {@code severity} emitted (types and severities are few, known values). */
    void alertEmitted(String type, String severity) {
        alerts.computeIfAbsent(type + "-" + severity, k -> context.metrics().addRateTotalSensor(NormalizeMetrics.GROUP,
                context.taskId().toString(), ALERTS_PREFIX + k, Sensor.RecordingLevel.INFO, ALERT_TYPE_TAG, type,
                "severity", severity)).record();
    }

    /** One punctuation took {@code nanos}. */
    void punctuated(long nanos) {
        punctuation.record(nanos / 1_000_000.0);
    }

    /** Alerts emitted, per {@code type} then {@code severity}, summed over tasks. */
    public static Map<String, Map<String, Long>> alertsByTypeAndSeverity(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            String type = name.tags().get(ALERT_TYPE_TAG);
            String severity = name.tags().get("severity");
            if (name.name().startsWith(ALERTS_PREFIX) && name.name().endsWith("-total") && type != null && severity != null) {
                out.computeIfAbsent(type, t -> new TreeMap<>())
                        .merge(severity, (long) ((Number) metric.metricValue()).doubleValue(), Long::sum);
            }
        });
        return out;
    }

    /** Punctuations run, summed over tasks. */
    public static long punctuations(Map<MetricName, ? extends Metric> metrics) {
        return (long) sum(metrics, PUNCTUATION + "-total");
    }

    /** The longest punctuation in the metrics' window, in milliseconds, over tasks (0 when none ran). */
    public static double punctuationMaxMs(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(PUNCTUATION + "-latency-max"))
                .mapToDouble(e -> finite(e.getValue())).max().orElse(0);
    }

    /** The mean punctuation in the metrics' window, in milliseconds, the largest over tasks (0 when none ran). */
    public static double punctuationAvgMs(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(PUNCTUATION + "-latency-avg"))
                .mapToDouble(e -> finite(e.getValue())).max().orElse(0);
    }

    private static double sum(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> finite(e.getValue())).sum();
    }

    private static double finite(Metric m) {
        Object v = m.metricValue();
        double d = v instanceof Number n ? n.doubleValue() : 0;
        return Double.isFinite(d) ? d : 0;
    }
}
