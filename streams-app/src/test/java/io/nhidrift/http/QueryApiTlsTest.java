package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import io.nhidrift.testing.TopologyTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a PKCS12 keystore: a self-signed certificate made by the JDK's keytool for this test. */
@TopologyTest
class QueryApiTlsTest {

    private static final String PASSWORD = "test-keystore-pw";

    @TempDir
    Path dir;

    @Test
    void serves_https_to_a_client_that_trusts_the_certificate() throws Exception {
        Path keystore = selfSignedKeystore(dir);
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5)).build();
        try (UnstartedApi api = new UnstartedApi(dir.resolve("state"), Map.of("http.tls.keystore", keystore.toString(),
                "http.tls.keystore-password", PASSWORD), trusting)) {
            assertEquals("https", api.server.scheme());
            HttpResponse<String> health = api.send("GET", "/health", null);
            assertEquals(503, health.statusCode()); // answered over TLS (streams not started: DOWN)
            assertTrue(health.body().contains("\"streams\":\"CREATED\""), health.body());
            assertEquals(200, api.get("/metrics").statusCode());
            assertEquals(401, api.send("GET", "/metrics", null).statusCode());

            HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest https = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.server.port() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> defaultTrust.send(https, HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the self-signed certificate must fail the handshake");
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            boolean plainRefused;
            try {
                plainRefused = defaultTrust.send(plain, HttpResponse.BodyHandlers.ofString()).statusCode() == 400;
            } catch (IOException e) {
                plainRefused = true;
            }
            assertTrue(plainRefused, "plain HTTP must not be served on the HTTPS port");
        }
    }

    @Test
    void peers_are_called_over_https_trusting_the_keystore_and_carry_the_callers_token() throws Exception {
        Path keystore = selfSignedKeystore(dir);
        Map<String, String> tls = Map.of("http.tls.keystore", keystore.toString(), "http.tls.keystore-password", PASSWORD);
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
        try (UnstartedApi owner = new UnstartedApi(dir.resolve("state"), tls, trusting)) {
            PeerForwarder forwarder = new PeerForwarder(TlsSettings.from(AppConfig.from(tls)).peerContext());
            HostInfo peer = new HostInfo("localhost", owner.server.port());
            assertEquals(200, forwarder.forward(peer, "/metrics", "Bearer " + UnstartedApi.READ_TOKEN).status());
            assertEquals(401, forwarder.forward(peer, "/metrics", null).status());
            PeerForwarder.Relayed relayed = forwarder.forward(peer, "/api/v1/credentials/AKIAEXAMPLEKEY000001",
                    "Bearer " + UnstartedApi.READ_TOKEN);
            assertEquals(503, relayed.status());
            assertTrue(relayed.body().contains("AKIAEXAMPLEKEY000001"), relayed.body());
        }
    }

    @Test
    void a_wrong_password_or_missing_keystore_fails_at_start_naming_the_key() throws Exception {
        Path keystore = selfSignedKeystore(dir);
        ConfigException wrong = assertThrows(ConfigException.class, () -> TlsSettings.from(AppConfig.from(
                Map.of("http.tls.keystore", keystore.toString(), "http.tls.keystore-password", "not-it"))));
        assertTrue(wrong.getMessage().contains("'http.tls.keystore'"), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("not-it"), "the password must not be echoed: " + wrong.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> QueryServer.preflight(AppConfig.from(
                Map.of("http.tls.keystore", dir.resolve("absent.p12").toString(), "http.port", "0"))));
        assertTrue(missing.getMessage().contains("'http.tls.keystore'"), missing.getMessage());
    }

    /** keytool -genkeypair: RSA 2048, CN=localhost, SAN localhost and 127.0.0.1, valid 2 days, PKCS12. */
    static Path selfSignedKeystore(Path dir) throws Exception {
        Path ks = dir.resolve("api.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "nhi-drift-api", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "keytool failed: " + output);
        assertTrue(Files.size(ks) > 0);
        return ks;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("api", ks.getCertificate("nhi-drift-api"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
