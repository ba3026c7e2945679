package io.nhidrift.topology;

import io.nhidrift.adapter.SkipReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The per-format counters of a normalize processor (group {@code nhi-drift}, tag {@code format}): events
 * normalized, records not attributable to a credential (skipped), records dead-lettered; the skipped ones also
 * per {@link SkipReason} (tag {@code reason}), and those of the wrong format per format they look like (tag
 * {@code looks-like}). The only place that knows their names; readers such as {@code replay} and the metrics
 * endpoint ask this class.
 */
public final class NormalizeMetrics {

    public static final String GROUP = "nhi-drift";

    final Sensor normalized;
    final Sensor skipped;
    final Sensor deadLettered;
    private final Map<SkipReason, Sensor> skippedByReason = new EnumMap<>(SkipReason.class);
    private final Map<String, Sensor> looksLike = new HashMap<>();
    private final ProcessorContext<?, ?> context;
    private final String format;

    NormalizeMetrics(ProcessorContext<?, ?> context, String format) {
        this.context = context;
        this.format = format;
        var m = context.metrics();
        String task = context.taskId().toString();
        for (SkipReason r : SkipReason.values()) {
            skippedByReason.put(r, m.addRateTotalSensor(GROUP, task, skippedName(format, r), Sensor.RecordingLevel.INFO,
                    "format", format, "reason", r.label()));
        }
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

    static String skippedName(String format, SkipReason reason) {
        return skippedName(format) + "-" + reason.label();
    }

    static String looksLikeName(String format, String looksLike) {
        return skippedName(format, SkipReason.WRONG_FORMAT) + "-" + looksLike;
    }

    /** One record skipped, counted in total and under its reason. */
    void skipped(SkipReason reason) {
        skipped.record();
        skippedByReason.get(reason).record();
    }

    /** One record skipped because it looks like {@code otherFormat} (an adapter's format name: few, known values). */
    void skippedAsWrongFormat(String otherFormat) {
        skipped(SkipReason.WRONG_FORMAT);
        looksLike.computeIfAbsent(otherFormat, y -> context.metrics().addRateTotalSensor(GROUP, context.taskId().toString(),
                looksLikeName(format, y), Sensor.RecordingLevel.INFO, "format", format, "reason",
                SkipReason.WRONG_FORMAT.label(), "looks-like", y)).record();
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

    /** Records of {@code format} skipped, per reason (every reason, zeros included), summed over tasks. */
    public static Map<SkipReason, Long> skippedByReason(Map<MetricName, ? extends Metric> metrics, String format) {
        Map<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            out.put(r, total(metrics, skippedName(format, r)));
        }
        return out;
    }

    /** Records of {@code format} skipped as the wrong format, per format they look like, summed over tasks. */
    public static Map<String, Long> skippedLooksLike(Map<MetricName, ? extends Metric> metrics, String format) {
        String prefix = looksLikeName(format, "");
        Map<String, Long> out = new java.util.TreeMap<>();
        metrics.forEach((name, metric) -> {
            String n = name.name();
            if (n.startsWith(prefix) && n.endsWith("-total") && n.length() > prefix.length() + "-total".length()) {
                out.merge(n.substring(prefix.length(), n.length() - "-total".length()),
                        (long) ((Number) metric.metricValue()).doubleValue(), Long::sum);
            }
        });
        return out;
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
