package io.nhidrift.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (broker and controller in this process) that can be stopped and started
 * again on the same log directory and ports, as a real broker restart does. {@code EmbeddedKafka} picks
 * new ports and a fresh directory on every start, so the broker-outage case needs this one.
 *
 * <p>{@link #stop()} is a controlled shutdown (logs flushed, as a rolling restart does); the service
 * under test, in another JVM, sees its connections drop and must ride the outage out.
 */
final class RestartableBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Properties props;
    private final String bootstrap;
    private KafkaRaftServer server;

    private RestartableBroker(Path dir, Properties props, String bootstrap) {
        this.dir = dir;
        this.props = props;
        this.bootstrap = bootstrap;
    }

    /** Formats {@code dir} (created if absent) and starts the broker on two free local ports. */
    static RestartableBroker start(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int brokerPort = freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        Properties props = properties(brokerPort, controllerPort, dir.resolve("data"));
        format(props, dir);
        RestartableBroker broker = new RestartableBroker(dir, props, "localhost:" + brokerPort);
        broker.startServer();
        return broker;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** Controlled shutdown; the data directory and ports stay reserved for {@link #restart()}. */
    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same directory and ports and waits until it answers. */
    synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private void startServer() {
        KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        s.startup();
        server = s;
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(6, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for the broker", e);
                }
            }
        }
        throw new IllegalStateException("broker " + bootstrap + " did not answer within " + START_TIMEOUT, last);
    }

    /** The embedded broker's settings, with a shorter minimum session timeout for killed service members. */
    private static Properties properties(int brokerPort, int controllerPort, Path logDir) {
        Properties p = io.nhidrift.embedded.EmbeddedKafka.brokerProperties(brokerPort, controllerPort, logDir);
        // a killed service member is noticed after its session timeout; the service asks for 6 s
        p.put("group.min.session.timeout.ms", "3000");
        return p;
    }

    private static void format(Properties props, Path dir) {
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "nhi-drift reliability broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                "--standalone"}, ps);
        } catch (Exception e) {
            throw new IllegalStateException("formatting broker storage failed: " + captured, e);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting broker storage failed (exit " + rc + "): " + captured);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
