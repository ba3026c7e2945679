package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
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
 *   <li>{@code /api/v1/alerts…}, {@code /api/v1/credentials/{id}/alerts}: the alert store and triage ({@link AlertRoutes}).</li>
 *   <li>{@code GET /metrics}: a small selection of Kafka Streams and nhi-drift metrics.</li>
 * </ul>
 *
 * <p>Callers must URL-encode the credential id in the path: ids hold {@code :} and {@code /}
 * ({@code arn:aws:iam::123:role/path/name}, {@code system:serviceaccount:ns:name}), e.g.
 * {@code curl "localhost:8080/api/v1/credentials/$(jq -rn --arg id "$ID" '$id|@uri')"}. The id is
 * percent-decoded from the raw URI, so {@code %2F}, {@code %3A} and a literal {@code +} all survive.
 *
 * <p>Access: every route but {@code /health} requires a bearer token with role {@code read}
 * ({@code Authorization: Bearer <token>}); see {@link ApiAccess} for the policy when none is configured.
 * Optional HTTPS ({@link TlsSettings}). Hardening: bounded work and request sizes
 * ({@link ServerLimits}), ids and parameters decoded and checked strictly ({@link RequestParams}); every
 * failure, Jetty's own included ({@link JsonErrorHandler}), is a JSON error without stack trace or class name.
 *
 * <p>Not queryable now (starting, rebalancing, store migrating, owner unreachable): 503 with
 * {@code Retry-After: 1}. A key owned by another instance (its {@code application.server} differs
 * from ours) is forwarded there and the answer relayed. With {@code http.port=0} the advertised
 * endpoint is {@code host:0}: fine for one instance (tests, demo), not for a multi-instance group.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    static final String CREDENTIALS = RequestParams.CREDENTIALS;

    private final Javalin app;
    private final KafkaStreams streams;
    private final CredentialLocator locator;
    private final CredentialStateReader reader;
    private final PeerForwarder forwarder;
    private final boolean https;
    private final Supplier<HealthStatus> pipelineHealth;
    private final AlertRoutes alerts;

    private QueryServer(KafkaStreams streams, AppConfig config, ApiAccess access, TlsSettings tls,
            Supplier<HealthStatus> pipelineHealth) {
        this.streams = streams;
        this.pipelineHealth = pipelineHealth;
        this.locator = new CredentialLocator(streams, config.advertisedEndpoint());
        this.reader = new CredentialStateReader(streams);
        this.forwarder = new PeerForwarder(tls == null ? null : tls.peerContext());
        this.https = tls != null;
        this.alerts = new AlertRoutes(streams, config, forwarder);
        String host = config.httpHost();
        int port = config.httpPort();
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.prefer405over404 = true;
            ServerLimits.apply(c, config.httpThreads(), tls, host, port);
            c.routes.beforeMatched(access::check);
            c.routes.get("/health", this::health);
            new ConsoleRoutes().register(c.routes);
            c.routes.get("/metrics", ctx -> ok(ctx, MetricsView.render(streams)), Role.READ);
            alerts.register(c.routes); // before credentials/<id>: /credentials/{id}/alerts is theirs
            c.routes.get(CREDENTIALS, this::credentials, Role.READ);
            c.routes.get(CREDENTIALS + "/<id>", ctx -> lookup(ctx, RequestParams.idFromPath(ctx)), Role.READ);
            c.routes.exception(NotFoundResponse.class, (e, ctx) -> error(ctx, 404, "no such endpoint"));
            c.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
                ctx.header("Allow", "GET");
                error(ctx, 405, "method " + ctx.method() + " not allowed here; this endpoint answers GET");
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Query API: {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the service log");
            });
        });
        app.start(host, port);
    }

    /**
     * Starts the API on {@code http.host}:{@code http.port} (0 = a free port, see {@link #port()}).
     *
     * @throws ConfigException when the access policy, tokens or TLS keystore are not usable
     */
    public static QueryServer start(KafkaStreams streams, AppConfig config) {
        return start(streams, config, () -> HealthStatus.NOTHING_KNOWN);
    }

    /**
     * As {@link #start(KafkaStreams, AppConfig)}, {@code /health} also reporting what {@code pipelineHealth} knows.
     *
     * @throws ConfigException when the access policy, tokens or TLS keystore are not usable
     */
    public static QueryServer start(KafkaStreams streams, AppConfig config, Supplier<HealthStatus> pipelineHealth) {
        ApiAccess access = ApiAccess.from(config);
        TlsSettings tls = TlsSettings.from(config);
        access.logPolicy(config);
        return new QueryServer(streams, config, access, tls, pipelineHealth);
    }

    /**
     * What {@link #start} will need, checked before the broker and the pipeline start: the access policy
     * and tokens, the TLS keystore, and that {@code http.host}:{@code http.port} can be bound now.
     *
     * @throws ConfigException naming the key whose value cannot be used
     */
    public static void preflight(AppConfig config) {
        ApiAccess.from(config);
        TlsSettings.from(config);
        if (config.httpPort() == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(config.httpHost(), config.httpPort()));
        } catch (IOException e) {
            throw new ConfigException("invalid value '" + config.httpPort() + "' for key 'http.port': cannot listen on "
                    + config.httpHost() + ":" + config.httpPort() + " (" + e.getMessage() + "); stop what uses it or"
                    + " choose another port (--port or http.port)");
        }
    }

    /** The port the server is bound to. */
    public int port() {
        return app.port();
    }

    /** {@code https} when the API has TLS, else {@code http}. */
    public String scheme() {
        return https ? "https" : "http";
    }

    @Override
    public void close() {
        app.stop();
        alerts.close();
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
        Map<String, String> params = RequestParams.query(ctx);
        String id = params.get("id");
        if (id != null) {
            lookup(ctx, id);
            return;
        }
        int limit = RequestParams.limit(params.get("limit"));
        String after = params.get("after");
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
                    ObjectNode n = ApiErrors.node(404, "unknown credential");
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
            PeerForwarder.Relayed r = forwarder.forward(remote.host(), target, ctx.header("Authorization"));
            ctx.status(r.status()).contentType(r.contentType()).result(r.body());
            if (r.status() == 503) {
                ctx.header("Retry-After", "1");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Query API: forwarding {} to {} failed: {}", id, remote.host(), e.toString());
            unavailable(ctx, "owner " + remote.host() + " did not answer", id);
        }
    }

    private static void unavailable(Context ctx, String reason, String id) {
        ObjectNode n = ApiErrors.node(503, "not available, retry shortly");
        n.put("reason", reason);
        if (id != null) {
            n.put("credentialId", id);
        }
        ctx.header("Retry-After", "1");
        json(ctx, 503, n);
    }

    private static void error(Context ctx, int status, String message) {
        ApiErrors.error(ctx, status, message);
    }

    private static void ok(Context ctx, ObjectNode body) {
        json(ctx, 200, body);
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ApiErrors.json(ctx, status, body);
    }
}
