package io.nhidrift.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.topology.DetectMetrics;
import io.nhidrift.topology.NormalizeMetrics;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * nhi-drift's own Prometheus meters, read from the Kafka Streams sensors that {@link NormalizeMetrics} and
 * {@link DetectMetrics} own (summed over this instance's tasks):
 * <ul>
 *   <li>{@code nhidrift_records_total{format, outcome}}: outcome {@code normalized}, {@code not_attributable},
 *       {@code dead_lettered};</li>
 *   <li>{@code nhidrift_records_not_attributable_total{format, reason}}: per {@link SkipReason};</li>
 *   <li>{@code nhidrift_alerts_total{type, severity}}: every alert type at its configured severity;</li>
 *   <li>{@code nhidrift_punctuations_total}, {@code nhidrift_punctuation_duration_max_seconds},
 *       {@code nhidrift_punctuation_duration_avg_seconds}: the wall-clock due-check punctuation.</li>
 * </ul>
 */
final class NhiDriftMeters {

    private NhiDriftMeters() {}

    static void bind(MeterRegistry registry, Supplier<Map<MetricName, ? extends Metric>> metrics, List<String> formats,
            DetectionConfig detection) {
        for (String format : formats) {
            records(registry, metrics, format, "normalized", m -> NormalizeMetrics.normalizedTotal(m, format));
            records(registry, metrics, format, "not_attributable", m -> NormalizeMetrics.skippedTotal(m, format));
            records(registry, metrics, format, "dead_lettered", m -> NormalizeMetrics.deadLetteredTotal(m, format));
            for (SkipReason reason : SkipReason.values()) {
                FunctionCounter.builder("nhidrift.records.not.attributable", metrics,
                                m -> NormalizeMetrics.skippedByReason(m.get(), format).get(reason))
                        .description("Records of an input format not attributable to a credential, by reason")
                        .tags("format", format, "reason", reason.label()).register(registry);
            }
        }
        for (AlertType type : AlertType.values()) {
            String severity = detection.severity(type).name();
            FunctionCounter.builder("nhidrift.alerts", metrics, m -> DetectMetrics.alertsByTypeAndSeverity(m.get())
                            .getOrDefault(type.name(), Map.of()).getOrDefault(severity, 0L))
                    .description("Alerts emitted by this instance, by type and severity")
                    .tags("type", type.name(), "severity", severity).register(registry);
        }
        FunctionCounter.builder("nhidrift.punctuations", metrics, m -> DetectMetrics.punctuations(m.get()))
                .description("Wall-clock punctuations (due time-based checks) run").register(registry);
        Gauge.builder("nhidrift.punctuation.duration.max", metrics, m -> DetectMetrics.punctuationMaxMs(m.get()) / 1000)
                .description("Longest punctuation in the last metrics window").baseUnit("seconds").register(registry);
        Gauge.builder("nhidrift.punctuation.duration.avg", metrics, m -> DetectMetrics.punctuationAvgMs(m.get()) / 1000)
                .description("Mean punctuation in the last metrics window").baseUnit("seconds").register(registry);
    }

    private static void records(MeterRegistry registry, Supplier<Map<MetricName, ? extends Metric>> metrics, String format,
            String outcome, ToLongFunction<Map<MetricName, ? extends Metric>> total) {
        FunctionCounter.builder("nhidrift.records", metrics, m -> total.applyAsLong(m.get()))
                .description("Records read from an input format, by outcome")
                .tags("format", format, "outcome", outcome).register(registry);
    }
}
