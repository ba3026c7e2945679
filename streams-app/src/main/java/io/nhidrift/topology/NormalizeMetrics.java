package io.nhidrift.topology;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The per-format counters of a normalize processor (group {@code nhi-drift}, tag {@code format}): events
 * normalized, records not attributable to a credential (skipped), records dead-lettered. The only place
 * that knows their names; readers such as {@code replay} and the metrics endpoint ask this class.
 */
public final class NormalizeMetrics {

    public static final String GROUP = "nhi-drift";

    final Sensor normalized;
    final Sensor skipped;
    final Sensor deadLettered;

    NormalizeMetrics(ProcessorContext<?, ?> context, String format) {
        var m = context.metrics();
        String task = context.taskId().toString();
        normalized = m.addRateTotalSensor(GROUP, task, normalizedName(format), Sensor.RecordingLevel.INFO, "format", format);
        skipped = m.addRateTotalSensor(GROUP, task, skippedName(format), Sensor.RecordingLevel.INFO, "format", format);
        deadLettered = m.addRateTotalSensor(GROUP, task, deadLetteredName(format), Sensor.RecordingLevel.INFO, "format", format);
    }

    static String normalizedName(String format) {
        return "events-normalized-" + format;
    }

    static String skippedName(String format) {
        return "records-skipped-" + format;
    }

    static String deadLetteredName(String format) {
        return "records-dead-lettered-" + format;
    }

    /** Records of {@code format} skipped as not attributable, summed over tasks, from a metrics map. */
    public static long skippedTotal(Map<MetricName, ? extends Metric> metrics, String format) {
        return total(metrics, skippedName(format));
    }

    /** The skipped-records totals of {@code format} (one metric per task), to read repeatedly without a lookup. */
    public static java.util.List<Metric> skippedMetrics(Map<MetricName, ? extends Metric> metrics, String format) {
        String name = skippedName(format) + "-total";
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name)).<Metric>map(Map.Entry::getValue).toList();
    }

    /** Events of {@code format} normalized, summed over tasks. */
    public static long normalizedTotal(Map<MetricName, ? extends Metric> metrics, String format) {
        return total(metrics, normalizedName(format));
    }

    /** Records of {@code format} dead-lettered, summed over tasks. */
    public static long deadLetteredTotal(Map<MetricName, ? extends Metric> metrics, String format) {
        return total(metrics, deadLetteredName(format));
    }

    private static long total(Map<MetricName, ? extends Metric> metrics, String sensor) {
        String name = sensor + "-total";
        return (long) metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }
}
