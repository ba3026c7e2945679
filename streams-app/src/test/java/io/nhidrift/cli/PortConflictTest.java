package io.nhidrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A query API port that is taken is reported before anything else starts: {@code run} never reaches
 * Kafka, {@code demo} never starts its broker; both exit 2 with a message naming {@code http.port}.
 * Likewise a non-loopback bind without tokens.
 */
@UnitTest
class PortConflictTest {

    @Test
    void run_reports_a_taken_port_before_contacting_kafka() throws Exception {
        try (ServerSocket taken = takenPort()) {
            Result r = execute("run", "--port", Integer.toString(taken.getLocalPort()), "--bootstrap-servers", "localhost:1");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("'http.port'") && r.err().contains("127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    @Test
    void demo_reports_a_taken_port_before_starting_the_broker() throws Exception {
        try (ServerSocket taken = takenPort()) {
            Result r = execute("demo", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("'http.port'"), r.err());
            assertFalse(r.out().contains("Kafka broker"), "no broker may have started: " + r.out());
        }
    }

    @Test
    void run_refuses_a_public_bind_without_tokens() {
        Result r = execute("run", "--port", "0", "--bootstrap-servers", "localhost:1", "--set", "http.host=0.0.0.0");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("'http.host'") && r.err().contains("http.auth.tokens"), r.err());
    }

    private static ServerSocket takenPort() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return s;
    }

    private record Result(int exit, String out, String err) {
        String all() {
            return "stdout: " + out + "\nstderr: " + err;
        }
    }

    private static synchronized Result execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
