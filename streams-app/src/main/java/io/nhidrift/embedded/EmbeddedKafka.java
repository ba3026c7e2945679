package io.nhidrift.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * An in-process, single-node Kafka 4.x broker in KRaft combined mode (one process acting as broker
 * and controller), used by the {@code demo} command and by the integration tests.
 *
 * <p>{@link #start()} picks two free local ports (PLAINTEXT client listener and CONTROLLER
 * listener), formats a fresh temporary log directory with {@code kafka-storage format --standalone},
 * starts a {@link KafkaRaftServer} and returns once the broker answers an Admin
 * {@code describeCluster}. All internal topics (consumer offsets, transaction state, share-group
 * state) use replication factor 1 and min ISR 1, so consumer groups and exactly-once transactions
 * work on the single node. Topic auto-creation is disabled: create topics with
 * {@link #createTopics(Map, Set)}.
 *
 * <p>{@link #close()} shuts the broker down, waits for it, and deletes the temporary directory; a JVM
 * shutdown hook does the same if the process is interrupted (Ctrl-C) before {@code close()}.
 *
 * <p>The broker's own logging goes through log4j2 under the {@code kafka} and {@code org.apache.kafka}
 * loggers, WARN by default (see {@code log4j2.xml}, property {@code nhidrift.kafka.log.level}).
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopics(Map.of("events", 3), Set.of("state"));
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Path baseDir;
    private final String bootstrapServers;
    private final Thread shutdownHook;
    private boolean closed;
    private volatile String saslBootstrapServers; // null unless started with a SASL listener

    private EmbeddedKafka(KafkaRaftServer server, Path baseDir, String bootstrapServers, Thread hook) {
        this.server = server;
        this.baseDir = baseDir;
        this.bootstrapServers = bootstrapServers;
        this.shutdownHook = hook;
    }

    /**
     * Formats a fresh temporary storage directory, starts the broker+controller and waits (at most
     * 30 s) until it answers an Admin {@code describeCluster}.
     *
     * @return the running broker; close it to stop it and delete its data
     * @throws IllegalStateException when storage cannot be formatted or the broker does not start
     *     in time (the temporary directory is deleted in that case)
     */
    /**
     * Removes the JVM shutdown hook that stops the broker on exit, for a caller that stops it itself
     * in order (shutdown hooks run concurrently: the broker must not stop while clients still commit).
     */
    public void releaseShutdownHook() {
        removeHook(shutdownHook);
    }

    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /**
     * As {@link #start()}, with broker properties that replace or extend the defaults of
     * {@link #brokerProperties}, e.g. {@code log.retention.check.interval.ms} for a test of retention.
     */
    public static EmbeddedKafka start(Map<String, String> brokerOverrides) {
        return start(Map.of(), brokerOverrides);
    }

    /**
     * Like {@link #start()}, plus a {@code SASL_PLAINTEXT} client listener (mechanism {@code PLAIN}) that
     * accepts exactly {@code users} (name to password); see {@link #saslBootstrapServers()}. The PLAINTEXT
     * listener stays (the broker talks to itself over it), so tests can compare both paths.
     */
    public static EmbeddedKafka startWithSaslPlain(Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("name at least one SASL/PLAIN user");
        }
        return start(users, Map.of());
    }

    private static EmbeddedKafka start(Map<String, String> saslUsers, Map<String, String> brokerOverrides) {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("nhi-drift-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("Embedded Kafka: cannot create a temporary log directory", e);
        }
        KafkaRaftServer server = null;
        Thread hook = null;
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            while (controllerPort == brokerPort) {
                controllerPort = freePort();
            }
            Path logDir = baseDir.resolve("data");
            Properties props = brokerProperties(brokerPort, controllerPort, logDir);
            int saslPort = saslUsers.isEmpty() ? -1 : freePortOtherThan(brokerPort, controllerPort);
            if (saslPort > 0) {
                addSaslPlainListener(props, saslPort, saslUsers);
            }
            props.putAll(brokerOverrides);
            format(props, baseDir);

            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            KafkaRaftServer started = server;
            hook = new Thread(() -> {
                try {
                    started.shutdown();
                    started.awaitShutdown();
                } catch (RuntimeException ignored) {
                    // best effort on JVM exit
                }
                deleteRecursively(baseDir);
            }, "embedded-kafka-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);

            server.startup();
            String bootstrap = "localhost:" + brokerPort;
            awaitReady(bootstrap);
            EmbeddedKafka kafka = new EmbeddedKafka(server, baseDir, bootstrap, hook);
            kafka.saslBootstrapServers = saslPort > 0 ? "localhost:" + saslPort : null;
            return kafka;
        } catch (RuntimeException e) {
            stopQuietly(server);
            removeHook(hook);
            deleteRecursively(baseDir);
            throw e instanceof IllegalStateException ise ? ise
                : new IllegalStateException("Embedded Kafka failed to start: " + e.getMessage(), e);
        }
    }

    /** The {@code bootstrap.servers} value of the PLAINTEXT listener, e.g. {@code localhost:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The {@code bootstrap.servers} value of the SASL_PLAINTEXT listener (clients need
     * {@code security.protocol=SASL_PLAINTEXT}, {@code sasl.mechanism=PLAIN} and a {@code sasl.jaas.config}).
     *
     * @throws IllegalStateException when the broker was started without one ({@link #start()})
     */
    public String saslBootstrapServers() {
        if (saslBootstrapServers == null) {
            throw new IllegalStateException("Embedded Kafka was started without a SASL listener; use startWithSaslPlain");
        }
        return saslBootstrapServers;
    }

    /** The temporary directory holding the broker's data; deleted by {@link #close()}. */
    public Path dataDirectory() {
        return baseDir;
    }

    /**
     * Creates topics with replication factor 1 and waits until the creation completes. Topics that
     * already exist are left as they are.
     *
     * @param partitionsByTopic topic name to partition count
     * @param compactedTopics names (among {@code partitionsByTopic}) created with
     *     {@code cleanup.policy=compact}
     * @throws IllegalStateException when a topic cannot be created within 30 s
     */
    public void createTopics(Map<String, Integer> partitionsByTopic, Set<String> compactedTopics) {
        checkOpen();
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            if (compactedTopics.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        });
        try (Admin admin = admin(bootstrapServers)) {
            CreateTopicsResult result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                            "Embedded Kafka: cannot create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Embedded Kafka: timed out creating topic " + entry.getKey(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Embedded Kafka: interrupted creating topics", e);
                }
            }
        }
    }

    /** Shuts the broker down, waits for it to stop and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
        removeHook(shutdownHook);
        deleteRecursively(baseDir);
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Embedded Kafka is closed");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The single-node KRaft broker settings of the demo and the tests (also the bench's restartable broker). */
    public static Properties brokerProperties(int brokerPort, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        // Dynamic quorum (KIP-853): `format --standalone` makes this node the only voter.
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("log.dirs", logDir.toString());

        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Internal topics: one replica, and few partitions so the first group/transaction is quick.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // Fewer threads: the machine running the demo/tests is small.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        return p;
    }

    /** Adds a SASL_PLAINTEXT client listener, mechanism PLAIN, whose only accounts are {@code users}. */
    static void addSaslPlainListener(Properties p, int port, Map<String, String> users) {
        p.put("listeners", p.getProperty("listeners") + ",SASL_PLAINTEXT://localhost:" + port);
        p.put("advertised.listeners", p.getProperty("advertised.listeners") + ",SASL_PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "PLAIN");
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        users.forEach((user, password) -> {
            if (!user.matches("[A-Za-z0-9._-]+") || password.indexOf('"') >= 0 || password.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("SASL user names are [A-Za-z0-9._-]+ and passwords hold no quote or backslash");
            }
            jaas.append(" user_").append(user).append("=\"").append(password).append('"');
        });
        p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }

    /** Runs {@code kafka-storage format -t <uuid> -c <file> --standalone} without System.exit. */
    private static void format(Properties props, Path baseDir) {
        Path configFile = baseDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "nhi-drift embedded Kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--standalone"}, ps);
        } catch (Exception e) { // StorageTool reports usage errors as (Scala) TerseFailure
            throw new IllegalStateException("Embedded Kafka: formatting storage failed: " + e.getMessage()
                + " " + captured.toString(StandardCharsets.UTF_8).trim(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("Embedded Kafka: formatting storage failed (exit " + rc + "): "
                + captured.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private static void awaitReady(String bootstrap) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin(bootstrap)) {
            while (System.nanoTime() < deadline) {
                long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                int timeout = (int) Math.min(leftMs, 5_000);
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                        .nodes().get(timeout + 1_000L, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Embedded Kafka: interrupted while waiting for the broker", e);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("Embedded Kafka: broker at " + bootstrap + " did not answer within "
            + START_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last), last);
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_TIMEOUT.toMillis()));
        return Admin.create(p);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Embedded Kafka: no free local port", e);
        }
    }

    private static int freePortOtherThan(int a, int b) {
        int p = freePort();
        while (p == a || p == b) {
            p = freePort();
        }
        return p;
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // shutting down after a failed start may throw; the directory is deleted regardless
        }
    }

    private static void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook is running or has run
        }
    }

    static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            System.err.println("Embedded Kafka: could not delete " + root + ": " + e);
        }
    }
}
