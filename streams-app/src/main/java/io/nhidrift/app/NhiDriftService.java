package io.nhidrift.app;

import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topology.TopologyFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: topics, the Kafka Streams instance and the query API. Used by {@code run} and {@code demo}. */
public final class NhiDriftService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NhiDriftService.class);

    private final AppConfig config;
    private final KafkaStreams streams;
    private final io.nhidrift.http.QueryServer http;

    private NhiDriftService(AppConfig config, KafkaStreams streams, io.nhidrift.http.QueryServer http) {
        this.config = config;
        this.streams = streams;
        this.http = http;
    }

    /** Creates missing topics, starts the pipeline and the HTTP API. */
    public static NhiDriftService start(AppConfig requested) {
        // http.port 0 = any free port; fixed before Kafka Streams advertises it as application.server
        AppConfig config = requested.httpPort() == 0
                ? requested.with(Map.of("http.port", Integer.toString(freePort())))
                : requested;
        Properties adminProps = new Properties();
        adminProps.putAll(config.kafkaPassThrough());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            TopicCreator.ensureTopics(admin, config);
        }
        AppSerdes serdes = AppSerdes.create(config.registryUrl());
        KafkaStreams streams = new KafkaStreams(TopologyFactory.build(config, serdes), StreamsProperties.of(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it (state is restored from the changelog)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((n, o) -> LOG.info("Kafka Streams {} -> {}", o, n));
        streams.start();
        io.nhidrift.http.QueryServer http = io.nhidrift.http.QueryServer.start(streams, config);
        LOG.info("nhi-drift running: bootstrap {}, query API on http://{}:{}", config.bootstrapServers(),
                config.httpAdvertisedHost(), http.port());
        return new NhiDriftService(config, streams, http);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    public AppConfig config() {
        return config;
    }

    @Override
    public void close() {
        http.close();
        // leave the group: a restarted or replaced instance gets the partitions at once, not after the session timeout
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port for the query API", e);
        }
    }
}
