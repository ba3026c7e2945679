package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;
import io.nhidrift.metrics.PrometheusMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The service's own state: {@code GET /health} (open: 200 while Kafka Streams is RUNNING or REBALANCING and no
 * stream thread failed recently, else 503 with the reason), {@code GET /metrics} (Prometheus text format) and
 * {@code GET /metrics.json} (a selection of Kafka Streams and nhi-drift metrics as JSON).
 */
final class ServiceRoutes implements RouteTable.Group {

    private final KafkaStreams streams;
    private final Supplier<HealthStatus> pipelineHealth;
    private final PrometheusMetrics prometheus;

    ServiceRoutes(KafkaStreams streams, Supplier<HealthStatus> pipelineHealth, PrometheusMetrics prometheus) {
        this.streams = streams;
        this.pipelineHealth = pipelineHealth;
        this.prometheus = prometheus;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/health", null, "service", "Health", "200 UP while the pipeline runs, else 503 DOWN with the"
                        + " reason and Retry-After; needs no token.", List.of(), this::health),
                ApiRoute.get("/metrics", Role.READ, "service", "Metrics (Prometheus)",
                        "Every metric in the Prometheus text format 0.0.4.", List.of(),
                        ctx -> ctx.contentType(PrometheusMetrics.CONTENT_TYPE).result(prometheus.scrape()))
                        .producing(PrometheusMetrics.CONTENT_TYPE),
                ApiRoute.get("/metrics.json", Role.READ, "service", "Metrics (JSON)",
                        "A selection of Kafka Streams and nhi-drift metrics as JSON.", List.of(),
                        ctx -> ApiErrors.json(ctx, 200, MetricsView.render(streams))));
    }

    private void health(Context ctx) {
        KafkaStreams.State state = streams.state();
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        HealthStatus pipeline = pipelineHealth.get();
        boolean running = CredentialLocator.isQueryable(state);
        boolean up = running && pipeline.up();
        n.put("status", up ? "UP" : "DOWN");
        n.put("streams", state.name());
        if (!up) {
            n.put("reason", running ? pipeline.reason() : "Kafka Streams is " + state.name());
            ctx.header("Retry-After", "1");
        }
        pipeline.deadLettered().forEach(n.putObject("deadLetteredByHandler")::put);
        ApiErrors.json(ctx, up ? 200 : 503, n);
    }
}
