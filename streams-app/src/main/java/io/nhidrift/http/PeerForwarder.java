package io.nhidrift.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a query to the instance that owns the key (its {@code application.server}) and hands
 * back that instance's status and body unchanged. A forwarded request carries {@link #HEADER}, so
 * the receiving instance answers from its own stores or with 503, never forwards again. The caller's
 * {@code Authorization} header travels with the request (all instances of one application share their
 * tokens), so the owner checks the same token; over HTTPS when the API has TLS.
 */
public final class PeerForwarder {

    public static final String HEADER = "X-Nhi-Drift-Forwarded";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The owner's answer. */
    public record Relayed(int status, String contentType, String body, String contentDisposition) {}

    private final HttpClient client;
    private final String scheme;
    private final Duration timeout;

    /** Plain HTTP to peers. */
    public PeerForwarder() {
        this(null);
    }

    /** @param tls the context trusting peers' certificates, or null for plain HTTP */
    PeerForwarder(javax.net.ssl.SSLContext tls) {
        this(tls, TIMEOUT);
    }

    /** @param timeout how long a peer may take to connect and to answer (tests use less than the 5 s) */
    PeerForwarder(javax.net.ssl.SSLContext tls, Duration timeout) {
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
        this.scheme = tls == null ? "http://" : "https://";
    }

    /**
     * @param rawPathAndQuery the request's path and query exactly as received (still URL-encoded)
     * @param authorization the caller's {@code Authorization} header, or null
     * @throws IOException when the owner cannot be reached or does not answer within 5 s
     */
    public Relayed forward(HostInfo owner, String rawPathAndQuery, String authorization) throws IOException {
        URI uri = URI.create(scheme + hostForUri(owner.host()) + ":" + owner.port() + rawPathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(HEADER, "1")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Relayed(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body(),
                    r.headers().firstValue("Content-Disposition").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + owner, e);
        }
    }

    /**
     * As {@link #forward}, without blocking: the scatter-gather of cluster-wide answers asks every peer at once.
     * The future fails when the peer cannot be reached or does not answer within 5 s.
     */
    public java.util.concurrent.CompletableFuture<Relayed> forwardAsync(HostInfo peer, String rawPathAndQuery,
            String authorization) {
        URI uri = URI.create(scheme + hostForUri(peer.host()) + ":" + peer.port() + rawPathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header(HEADER, "1")
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Relayed(
                r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body(),
                r.headers().firstValue("Content-Disposition").orElse(null)));
    }

    /** How long a peer may take to connect and to answer. */
    Duration timeout() {
        return timeout;
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
