package io.nhidrift.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.testing.UnitTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} against a cluster that does not answer fails within {@code startup.timeout}, naming the servers and the cause. */
@UnitTest
class StartupTimeoutTest {

    @Test
    void anUnreachableBrokerFailsWithinTheStartupTimeoutNamingTheServersAndTheCause(@TempDir Path stateDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String bootstrap = "127.0.0.1:" + port;
        AppConfig config = AppConfig.from(Map.of("bootstrap.servers", bootstrap, "startup.timeout", "3s",
                "state.dir", stateDir.toString(), "http.port", "0"));
        long t0 = System.nanoTime();
        StartupException e = assertThrows(StartupException.class, () -> NhiDriftService.start(config));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(e.getMessage().startsWith("cannot reach the Kafka cluster at " + bootstrap + " (bootstrap.servers) within"
                + " startup.timeout (3s): TimeoutException"), e.getMessage());
        // generous upper bound for a slow machine; before this change the start took 61 s and said "null"
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "failed soon after the timeout: " + took);
    }
}
