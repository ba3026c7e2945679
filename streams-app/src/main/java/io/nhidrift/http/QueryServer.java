package io.nhidrift.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import io.nhidrift.metrics.PrometheusMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part three of an interactive query: the HTTP API (Javalin). Every answer is JSON, errors included.
 *
 * <ul>
 *   <li>{@code GET /health}: 200 while Kafka Streams is RUNNING or REBALANCING and no stream thread failed
 *       recently ({@link HealthStatus}), else 503 with the reason.</li>
 *   <li>{@code GET /api/v1/credentials/{id}} (id URL-encoded; {@code /} may also stay literal) or
 *       {@code GET /api/v1/credentials?id={id}}: one credential, from whichever instance owns it
 *       ({@link CredentialRoutes}), and {@code .../{id}/recommendation?format=}: its least-privilege policy as a file.</li>
 *   <li>{@code GET /api/v1/credentials?kind=&status=&sort=&limit=&cursor=...}: the whole cluster's credentials,
 *       filtered, sorted, paged ({@link CredentialListRoutes}); {@code GET /api/v1/summary}: the fleet summary
 *       ({@link SummaryRoutes}); sorted pages and the summary come from per-partition rank indexes ({@link RankIndex},
 *       closed with the server).</li>
 *   <li>{@code GET /metrics}: Prometheus text format ({@link PrometheusMetrics}); {@code GET /metrics.json}: a small
 *       selection of Kafka Streams and nhi-drift metrics as JSON ({@link MetricsView}); both in {@link ServiceRoutes}.</li>
 *   <li>{@code GET /api/v1/openapi.json}: the OpenAPI 3 document of exactly the routes registered ({@link RouteTable}).</li>
 *   <li>{@code /api/v1/alerts…}, {@code /api/v1/credentials/{id}/alerts}: the alert store and triage ({@link AlertRoutes}).</li>
 *   <li>{@code GET /} and {@code GET /console/{file}}: the web console's static files, no token ({@link ConsoleRoutes}).</li>
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
    private final Javalin app;
    private final boolean https;
    private final RouteTable routes = new RouteTable();
    private final PrometheusMetrics prometheus;
    private final AlertRoutes alerts;
    private final LocalCredentials local;

    private QueryServer(KafkaStreams streams, AppConfig config, ApiAccess access, TlsSettings tls,
            Supplier<HealthStatus> pipelineHealth) {
        this.https = tls != null;
        this.prometheus = new PrometheusMetrics(streams, config);
        CredentialLocator locator = new CredentialLocator(streams, config.advertisedEndpoint());
        CredentialStateReader reader = new CredentialStateReader(streams);
        PeerForwarder forwarder = new PeerForwarder(tls == null ? null : tls.peerContext());
        this.alerts = new AlertRoutes(streams, config, forwarder);
        CredentialReview review = new CredentialReview(config.detection(), System::currentTimeMillis, new CredentialRisk());
        KeyedLookup lookup = new KeyedLookup(locator, reader, forwarder);
        this.local = LocalCredentials.start(streams, reader, review, config.advertisedEndpoint(), config.topics().events(),
                config.queryRankRefresh());
        ClusterGather gather = ClusterGather.of(streams, config.advertisedEndpoint(), forwarder);
        CredentialListRoutes.QueryState queryable = () -> CredentialLocator.isQueryable(streams.state()) ? null
                : "Kafka Streams is " + streams.state();
        CredentialRoutes credential = new CredentialRoutes(lookup, review);
        // route groups, each in its own class; a more specific path before the <id> path that would also match it
        routes.add(new ConsoleRoutes())
                .add(new ServiceRoutes(streams, pipelineHealth, prometheus))
                .add(alerts) // before credentials/<id>: /credentials/{id}/alerts is theirs
                .add(new CredentialListRoutes(lookup, credential, local, gather, queryable))
                .add(new SummaryRoutes(local, gather, queryable))
                .add(credential)
                .add(new OpenApiRoutes(routes::routes));
        String host = config.httpHost();
        int port = config.httpPort();
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.prefer405over404 = true;
            ServerLimits.apply(c, config.httpThreads(), tls, host, port);
            routes.recordEndpoints(c); // first: every endpoint registered below is checked against the OpenAPI document
            c.routes.beforeMatched(access::check);
            routes.registerAll(c);
            c.routes.exception(NotFoundResponse.class, (e, ctx) -> error(ctx, 404, "no such endpoint"));
            c.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
                ctx.header("Allow", "GET");
                error(ctx, 405, "method " + ctx.method() + " not allowed here; this endpoint answers GET");
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            c.routes.exception(CredentialStateReader.NotQueryable.class,
                    (e, ctx) -> KeyedLookup.unavailable(ctx, e.getMessage(), null));
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
        local.close();
        prometheus.close();
        alerts.close();
    }

    /** The routes the server registered from, in order (what the OpenAPI document describes). */
    public List<ApiRoute> routes() {
        return routes.routes();
    }

    /** {@code METHOD path} of every endpoint Javalin registered, from the route table or not. */
    public List<String> registeredEndpoints() {
        return routes.registered();
    }

    private static void error(Context ctx, int status, String message) {
        ApiErrors.error(ctx, status, message);
    }
}
