package io.nhidrift.http;

import io.nhidrift.config.AppConfig;
import org.apache.kafka.streams.KafkaStreams;

/** The query API (stub; replaced by the Javalin implementation). */
public final class QueryServer implements AutoCloseable {
    private final int port;

    private QueryServer(int port) {
        this.port = port;
    }

    public static QueryServer start(KafkaStreams streams, AppConfig config) {
        return new QueryServer(config.httpPort());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {}
}
