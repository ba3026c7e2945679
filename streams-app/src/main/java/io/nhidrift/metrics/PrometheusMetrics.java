package io.nhidrift.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nhidrift.config.AppConfig;
import io.nhidrift.topology.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The service's metrics in the Prometheus text format (served at {@code GET /metrics}) through Micrometer's
 * Prometheus registry: the Kafka Streams, consumer, producer and admin client metrics ({@link KafkaStreamsMetrics},
 * names {@code kafka_stream_*}, {@code kafka_consumer_*}, …), nhi-drift's own meters ({@link NhiDriftMeters}: records
 * by input format and outcome, alerts by type and severity, punctuation), the consumer lag per input
 * topic-partition ({@link InputLagMeters}), state store sizes ({@link StoreSizeMeters}), and the JVM (memory, GC,
 * threads, CPU). README "Operating: Prometheus and Grafana" lists the names.
 */
public final class PrometheusMetrics implements AutoCloseable {

    /** The content type of the Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics kafkaStreamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final InputLagMeters lag;

    public PrometheusMetrics(KafkaStreams streams, AppConfig config) {
        StreamsMetricsSnapshot snapshot = new StreamsMetricsSnapshot(streams::metrics, System::currentTimeMillis, 1000);
        this.kafkaStreamsMetrics = new KafkaStreamsMetrics(streams);
        kafkaStreamsMetrics.bindTo(registry);
        NhiDriftMeters.bind(registry, snapshot, config.inputs(), config.detection());
        StoreSizeMeters.bind(registry, streams, List.of(Names.CREDENTIAL_STATE_STORE, Names.INVENTORY_STORE,
                Names.TIME_INDEX_STORE));
        Set<String> inputTopics = new HashSet<>(config.topics().rawByFormat().values());
        inputTopics.add(config.topics().inventory());
        inputTopics.add(config.topics().events());
        this.lag = new InputLagMeters(registry, snapshot, inputTopics);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Every meter in the Prometheus text format (lag gauges of newly assigned partitions added first). */
    public String scrape() {
        lag.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        kafkaStreamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
