package io.nhidrift.app;

import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topology.TopologyFactory;
import io.nhidrift.config.ConfigKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
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

    /**
     * Creates missing topics, starts the pipeline and the HTTP API. The configuration and the topology are
     * complete before the cluster is contacted; the cluster must answer within {@code startup.timeout}.
     *
     * @throws StartupException naming the bootstrap servers and the cause when the cluster cannot be used
     */
    public static NhiDriftService start(AppConfig requested) {
        // http.port 0 = any free port; fixed before Kafka Streams advertises it as application.server
        AppConfig config = requested.httpPort() == 0
                ? requested.with(Map.of("http.port", Integer.toString(freePort())))
                : requested;
        AppSerdes serdes = AppSerdes.create(config.registryUrl());
        Topology topology = TopologyFactory.build(config, serdes);
        PipelineHealth health = new PipelineHealth(config.healthFailureWindow(), Clock.systemUTC());
        Properties streamsProps = StreamsProperties.of(config, health.deadLetterCounts());
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        try (Admin admin = Admin.create(adminProperties(config))) {
            awaitCluster(admin, config, deadline);
            TopicCreator.ensureTopics(admin, config, deadline);
        }
        KafkaStreams streams = startStreams(topology, streamsProps, health, config);
        io.nhidrift.http.QueryServer http = io.nhidrift.http.QueryServer.start(streams, config, health::status);
        LOG.info("nhi-drift running: bootstrap {}, query API on http://{}:{}", config.bootstrapServers(),
                config.httpAdvertisedHost(), http.port());
        return new NhiDriftService(config, streams, http);
    }

    /**
     * Starts Kafka Streams. Kafka Streams opens the local stores of existing tasks inside {@code start()}, before any
     * stream thread (and so before the thread-replacement handler) exists: a corrupted store (a truncated SST or
     * MANIFEST file, a disk that filled up) would make every start fail the same way. The local state is only a
     * cache of the changelogs, which hold the committed state (exactly-once): such a start wipes this instance's
     * state directory once and starts again, restoring from the changelogs.
     */
    static KafkaStreams startStreams(Topology topology, Properties props, PipelineHealth health, AppConfig config) {
        KafkaStreams streams = newStreams(topology, props, health);
        try {
            streams.start();
            return streams;
        } catch (org.apache.kafka.streams.errors.StreamsException e) {
            if (!(rootStateFailure(e))) {
                throw e;
            }
            LOG.error("Local state under {} cannot be opened ({}): wiping it and restoring from the changelogs",
                    config.stateDir(), e.getMessage());
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            KafkaStreams again = newStreams(topology, props, health);
            again.start();
            return again;
        }
    }

    private static KafkaStreams newStreams(Topology topology, Properties props, PipelineHealth health) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(health);
        streams.setStateListener((n, o) -> LOG.info("Kafka Streams {} -> {}", o, n));
        return streams;
    }

    /** A failure to open or read local state (RocksDB), as opposed to configuration or cluster problems. */
    static boolean rootStateFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.streams.errors.ProcessorStateException
                    || t instanceof org.rocksdb.RocksDBException) {
                return true;
            }
        }
        return false;
    }

    private static Properties adminProperties(AppConfig config) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.startupTimeout().toMillis());
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(timeoutMs, 30_000)));
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
        return p;
    }

    /** Waits (until the deadline) for the cluster to answer; else fails naming the servers and the cause. */
    private static void awaitCluster(Admin admin, AppConfig config, long deadlineNanos) {
        try {
            int ms = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(TopicCreator.left(deadlineNanos)));
            // the admin call times out first, with its own explanation; the future's wait is only a backstop
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).clusterId()
                    .get(TopicCreator.left(deadlineNanos) + TimeUnit.SECONDS.toNanos(2), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to " + config.bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new StartupException("cannot reach the Kafka cluster at " + config.bootstrapServers() + " (bootstrap.servers)"
                    + " within startup.timeout (" + config.get(ConfigKey.STARTUP_TIMEOUT) + "): " + TopicCreator.describe(cause)
                    + "; check that a broker listens there and the kafka.security.* settings", cause);
        }
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
