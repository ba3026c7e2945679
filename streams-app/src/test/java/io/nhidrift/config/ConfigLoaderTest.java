package io.nhidrift.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.UnitTest;

@UnitTest
class ConfigLoaderTest {

    @Test
    void defaultsAreTheContractThresholds() {
        AppConfig c = AppConfig.defaults();
        assertEquals(Duration.ofDays(30), c.detection().idleAfter());
        assertEquals(Duration.ofDays(90), c.detection().unusedWindow());
        assertEquals(Duration.ofDays(7), c.detection().learningPeriod());
        assertEquals(10, c.detection().burstCount());
        assertEquals(Duration.ofMinutes(5), c.detection().burstWindow());
        assertEquals("exactly_once_v2", c.processingGuarantee());
    }

    @Test
    void laterLayersWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nhi.properties");
        Files.writeString(file, "detect.idle.after=10d\ndetect.denied-burst.count=5\nhttp.port=9000\n");
        AppConfig c = new ConfigLoader().file(file)
                .environment(Map.of("NHI_DRIFT_DETECT_IDLE_AFTER", "20d", "NHI_DRIFT_KAFKA_SECURITY_PROTOCOL", "SSL", "PATH", "/bin"))
                .overrides(Map.of("http.port", "9100", "severity.HUMAN_USE", "critical"))
                .load();
        assertEquals(Duration.ofDays(20), c.detection().idleAfter());
        assertEquals(5, c.detection().burstCount());
        assertEquals(9100, c.httpPort());
        assertEquals("SSL", c.kafkaPassThrough().get("security.protocol"));
        assertEquals(Severity.CRITICAL, c.detection().severity(AlertType.HUMAN_USE));
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> new ConfigLoader().overrides(Map.of("detect.idle.aftr", "3d")).load());
        assertTrue(unknown.getMessage().contains("'detect.idle.aftr'"), unknown.getMessage());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> new ConfigLoader().overrides(Map.of("detect.idle.after", "soon")).load());
        assertTrue(bad.getMessage().contains("'soon'") && bad.getMessage().contains("'detect.idle.after'"), bad.getMessage());
        ConfigException env = assertThrows(ConfigException.class,
                () -> new ConfigLoader().environment(Map.of("NHI_DRIFT_NOPE", "1")).load());
        assertTrue(env.getMessage().contains("NHI_DRIFT_NOPE"), env.getMessage());
        assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("processing.guarantee", "exactly_once")));
        assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("detect.disabled", "NOT_A_TYPE")));
    }

    @Test
    void queryApiKeysComeFromTheEnvironmentToo() {
        AppConfig c = new ConfigLoader().environment(Map.of("NHI_DRIFT_HTTP_AUTH_TOKENS", "read:env-token-0123456789abcdef",
                "NHI_DRIFT_HTTP_AUTH_TOKENS_FILE", "/etc/nhi-drift/tokens", "NHI_DRIFT_HTTP_TLS_KEYSTORE", "/etc/nhi-drift/api.p12",
                "NHI_DRIFT_HTTP_TLS_KEYSTORE_PASSWORD", "pw", "NHI_DRIFT_HTTP_THREADS", "32")).load();
        assertEquals("read:env-token-0123456789abcdef", c.httpAuthTokens());
        assertEquals(Path.of("/etc/nhi-drift/tokens"), c.httpAuthTokensFile());
        assertEquals(Path.of("/etc/nhi-drift/api.p12"), c.httpTlsKeystore());
        assertEquals("pw", new String(c.httpTlsKeystorePassword()));
        assertEquals(32, c.httpThreads());
        assertEquals("127.0.0.1", AppConfig.defaults().httpHost());
        assertEquals(null, AppConfig.defaults().httpTlsKeystore());
        ConfigException threads = assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("http.threads", "2")));
        assertTrue(threads.getMessage().contains("'http.threads'"), threads.getMessage());
    }
}
