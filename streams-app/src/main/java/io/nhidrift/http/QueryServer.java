package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.nhidrift.config.AppConfig;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part three of an interactive query: the HTTP API (Javalin). Every answer is JSON, errors included.
 *
 * <ul>
 *   <li>{@code GET /health}: 200 while Kafka Streams is RUNNING or REBALANCING and no stream thread failed
 *       recently ({@link HealthStatus}), else 503 with the reason.</li>
 *   <li>{@code GET /api/v1/credentials/{id}} (id URL-encoded; {@code /} may also stay literal) or
 *       {@code GET /api/v1/credentials?id={id}}: one credential, from whichever instance owns it.</li>
 *   <li>{@code GET /api/v1/credentials?limit=100&after={id}}: this instance's credentials, paged.</li>
 *   <li>{@code GET /metrics}: a small selection of Kafka Streams and nhi-drift metrics.</li>
 * </ul>
 *
 * <p>Callers must URL-encode the credential id in the path: ids hold {@code :} and {@code /}
 * ({@code arn:aws:iam::123:role/path/name}, {@code system:serviceaccount:ns:name}), e.g.
 * {@code curl "localhost:8080/api/v1/credentials/$(jq -rn --arg id "$ID" '$id|@uri')"}. The id is
 * percent-decoded from the raw URI, so {@code %2F}, {@code %3A} and a literal {@code +} all survive.
 *
 * <p>Not queryable now (starting, rebalancing, store migrating, owner unreachable): 503 with
 * {@code Retry-After: 1}. A key owned by another instance (its {@code application.server} differs
 * from ours) is forwarded there and the answer relayed. With {@code http.port=0} the advertised
 * endpoint is {@code host:0}: fine for one instance (tests, demo), not for a multi-instance group.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    static final String CREDENTIALS = "/api/v1/credentials";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Javalin app;
    private final KafkaStreams streams;
    private final CredentialLocator locator;
    private final CredentialStateReader reader;
    private final PeerForwarder forwarder = new PeerForwarder();
    private final Supplier<HealthStatus> pipelineHealth;

    private QueryServer(KafkaStreams streams, HostInfo self, String host, int port, Supplier<HealthStatus> pipelineHealth) {
        this.streams = streams;
        this.pipelineHealth = pipelineHealth;
        this.locator = new CredentialLocator(streams, self);
        this.reader = new CredentialStateReader(streams);
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/health", this::health);
            c.routes.get("/metrics", ctx -> ok(ctx, MetricsView.render(streams)));
            c.routes.get(CREDENTIALS, this::credentials);
            c.routes.get(CREDENTIALS + "/<id>", ctx -> lookup(ctx, idFromPath(ctx)));
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Query API: {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the service log");
            });
        });
        app.start(host, port);
    }

    /** Starts the API on {@code http.host}:{@code http.port} (0 = a free port, see {@link #port()}). */
    public static QueryServer start(KafkaStreams streams, AppConfig config) {
        return start(streams, config, () -> HealthStatus.NOTHING_KNOWN);
    }

    /** As {@link #start(KafkaStreams, AppConfig)}, {@code /health} also reporting what {@code pipelineHealth} knows. */
    public static QueryServer start(KafkaStreams streams, AppConfig config, Supplier<HealthStatus> pipelineHealth) {
        return new QueryServer(streams, config.advertisedEndpoint(), config.httpHost(), config.httpPort(), pipelineHealth);
    }

    /** The port the server is bound to. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
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
        json(ctx, up ? 200 : 503, n);
    }

    private void credentials(Context ctx) {
        String id = ctx.queryParam("id");
        if (id != null) {
            lookup(ctx, id);
            return;
        }
        int limit = limit(ctx.queryParam("limit"));
        String after = ctx.queryParam("after");
        if (!CredentialLocator.isQueryable(streams.state())) {
            unavailable(ctx, "Kafka Streams is " + streams.state(), null);
            return;
        }
        try {
            var entries = reader.list(after == null || after.isEmpty() ? null : after, limit);
            ObjectNode n = CredentialView.MAPPER.createObjectNode();
            n.put("scope", "local");
            var rows = n.putArray("credentials");
            entries.forEach(e -> rows.addObject().put("credentialId", e.credentialId())
                    .put("lastSeen", CredentialView.iso(e.lastSeen())));
            n.put("next", entries.size() == limit ? entries.get(entries.size() - 1).credentialId() : null);
            ok(ctx, n);
        } catch (CredentialStateReader.NotQueryable e) {
            unavailable(ctx, e.getMessage(), null);
        }
    }

    private void lookup(Context ctx, String id) {
        if (id == null || id.isBlank()) {
            error(ctx, 400, "missing credential id");
            return;
        }
        CredentialLocator.Location where = locator.locate(id);
        if (where instanceof CredentialLocator.NotAvailable na) {
            unavailable(ctx, na.reason(), id);
        } else if (where instanceof CredentialLocator.Remote remote) {
            forward(ctx, remote, id);
        } else if (where instanceof CredentialLocator.Local local) {
            try {
                CredentialStateReader.Snapshot s = reader.read(id, local.partition());
                if (s.exists()) {
                    ok(ctx, CredentialView.render(s));
                } else {
                    ObjectNode n = errorNode(404, "unknown credential");
                    n.put("credentialId", id);
                    json(ctx, 404, n);
                }
            } catch (CredentialStateReader.NotQueryable e) {
                unavailable(ctx, e.getMessage(), id);
            }
        }
    }

    private void forward(Context ctx, CredentialLocator.Remote remote, String id) {
        if (ctx.header(PeerForwarder.HEADER) != null) { // ownership moved while the request was in flight
            unavailable(ctx, "key moved to " + remote.host() + " during forwarding", id);
            return;
        }
        String target = ctx.req().getRequestURI() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        try {
            PeerForwarder.Relayed r = forwarder.forward(remote.host(), target);
            ctx.status(r.status()).contentType(r.contentType()).result(r.body());
            if (r.status() == 503) {
                ctx.header("Retry-After", "1");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Query API: forwarding {} to {} failed: {}", id, remote.host(), e.toString());
            unavailable(ctx, "owner " + remote.host() + " did not answer", id);
        }
    }

    /**
     * The id after {@code /api/v1/credentials/}, percent-decoded from the raw request URI: {@code %2F}
     * and {@code %3A} become {@code /} and {@code :}, and a literal {@code +} stays a plus (ARNs may hold one).
     */
    static String idFromPath(Context ctx) {
        String raw = ctx.req().getRequestURI();
        int at = raw.indexOf(CREDENTIALS + "/");
        String encoded = at < 0 ? ctx.pathParam("id") : raw.substring(at + CREDENTIALS.length() + 1);
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return Math.min(v, MAX_LIMIT);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new io.javalin.http.BadRequestResponse("invalid limit '" + value + "': expected 1.." + MAX_LIMIT);
    }

    private static void unavailable(Context ctx, String reason, String id) {
        ObjectNode n = errorNode(503, "not available, retry shortly");
        n.put("reason", reason);
        if (id != null) {
            n.put("credentialId", id);
        }
        ctx.header("Retry-After", "1");
        json(ctx, 503, n);
    }

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, errorNode(status, message));
    }

    private static ObjectNode errorNode(int status, String message) {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        n.put("error", message);
        n.put("status", status);
        return n;
    }

    private static void ok(Context ctx, ObjectNode body) {
        json(ctx, 200, body);
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
