package io.nhidrift.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty side of the query API: bounded work, small requests, JSON for Jetty's own errors, and the
 * HTTPS connector when TLS is configured.
 *
 * <ul>
 *   <li>at most {@code http.threads} requests are handled at once; four times as many wait, each at most
 *       {@link #MAX_WAIT}; beyond that a request is answered 503 at once (Jetty's {@link QoSHandler});</li>
 *   <li>request line and headers at most {@link #MAX_HEADER_BYTES} (else 414 or 431), bodies at most
 *       {@link #MAX_BODY_BYTES};</li>
 *   <li>no {@code Server} or {@code X-Powered-By} header.</li>
 * </ul>
 */
final class ServerLimits {
    private ServerLimits() {}

    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final long MAX_BODY_BYTES = 16 * 1024;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** Jetty threads beyond the request workers: acceptor and selectors. */
    private static final int JETTY_IO_THREADS = 6;

    static void apply(JavalinConfig c, int threads, TlsSettings tls, String host, int port) {
        c.http.maxRequestSize = MAX_BODY_BYTES;
        c.jetty.threadPool = workerPool(threads);
        c.jetty.modifyHttpConfiguration(h -> {
            h.setRequestHeaderSize(MAX_HEADER_BYTES);
            h.setSendServerVersion(false);
            h.setSendXPoweredBy(false);
        });
        c.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            server.insertHandler(admission(threads));
        });
        c.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
        if (tls != null) {
            c.jetty.addConnector((server, http) -> tls.connector(server, http, host, port));
        }
    }

    /** Jetty's threads: {@code threads} for requests plus a few for accepting and selecting connections. */
    private static QueuedThreadPool workerPool(int threads) {
        QueuedThreadPool pool = new QueuedThreadPool(threads + JETTY_IO_THREADS, 4, 60_000);
        pool.setName("nhi-drift-http");
        return pool;
    }

    /** {@code threads} requests at once, four times as many waiting up to {@link #MAX_WAIT}, then 503. */
    static QoSHandler admission(int threads) {
        QoSHandler qos = new QoSHandler();
        qos.setMaxRequestCount(threads);
        qos.setMaxSuspendedRequestCount(threads * 4);
        qos.setMaxSuspend(MAX_WAIT);
        qos.setRejectStatusCode(503);
        return qos;
    }
}
