package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The service's own state: {@code GET /health} (open: 200 while Kafka Streams is RUNNING or REBALANCING and no
 * stream thread failed recently, else 503 with the reason) and {@code GET /metrics} (a selection of Kafka Streams
 * and nhi-drift metrics).
 */
final class ServiceRoutes implements RouteTable.Group {

    private final KafkaStreams streams;
    private final Supplier<HealthStatus> pipelineHealth;

    ServiceRoutes(KafkaStreams streams, Supplier<HealthStatus> pipelineHealth) {
        this.streams = streams;
        this.pipelineHealth = pipelineHealth;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/health", null, "service", "Health", "200 UP while the pipeline runs, else 503 DOWN with the"
                        + " reason and Retry-After; needs no token.", List.of(), this::health),
                ApiRoute.get("/metrics", Role.READ, "service", "Metrics", "A selection of Kafka Streams and nhi-drift metrics.",
                        List.of(), ctx -> ApiErrors.json(ctx, 200, MetricsView.render(streams))));
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
