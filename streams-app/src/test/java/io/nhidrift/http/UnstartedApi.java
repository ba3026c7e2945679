package io.nhidrift.http;

import io.nhidrift.app.StreamsProperties;
import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topology.TopologyFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The query API on a Kafka Streams instance that was never started (state CREATED): every route
 * answers without a broker, so tests see exactly what the HTTP layer does.
 */
final class UnstartedApi implements AutoCloseable {

    static final String READ_TOKEN = "read-token-0123456789abcdef";
    static final String TRIAGE_TOKEN = "triage-token-0123456789abcdef";

    private final KafkaStreams streams;
    final QueryServer server;
    private final HttpClient http;
    private final String base;

    UnstartedApi(Path stateDir, Map<String, String> overrides, HttpClient http) {
        Map<String, String> c = new LinkedHashMap<>(Map.of("bootstrap.servers", "localhost:1", "http.port", "0",
                "http.host", "127.0.0.1", "state.dir", stateDir.toString(), "application.id", "query-server-test",
                "http.auth.tokens", "read:" + READ_TOKEN + ",triage:" + TRIAGE_TOKEN));
        c.putAll(overrides);
        AppConfig config = AppConfig.from(c);
        this.streams = new KafkaStreams(TopologyFactory.build(config, AppSerdes.create(null)), StreamsProperties.of(config));
        this.server = QueryServer.start(streams, config);
        this.http = http;
        this.base = server.scheme() + "://127.0.0.1:" + server.port();
    }

    UnstartedApi(Path stateDir) {
        this(stateDir, Map.of(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery, READ_TOKEN);
    }

    HttpResponse<String> send(String method, String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sendWithAuthorization(String pathAndQuery, String authorization) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).GET().build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        streams.close(Duration.ofSeconds(5));
    }
}
