package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import io.nhidrift.testing.UnitTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access policy chosen from the configuration, and the 403 a triage-only route gives a read token. */
@UnitTest
class ApiAccessTest {

    private static final String R = "reader-0123456789abcdef";
    private static final String T = "triager-0123456789abcdef";

    @Test
    void tokens_make_access_enforced_on_any_bind() {
        assertTrue(ApiAccess.from(AppConfig.from(Map.of("http.host", "0.0.0.0", "http.auth.tokens", "read:" + R))).enforced());
        assertTrue(ApiAccess.from(AppConfig.from(Map.of("http.auth.tokens", "read:" + R))).enforced());
    }

    @Test
    void default_bind_is_loopback_and_open_without_tokens() {
        assertEquals("127.0.0.1", AppConfig.defaults().httpHost());
        assertFalse(ApiAccess.from(AppConfig.defaults()).enforced());
        assertFalse(ApiAccess.from(AppConfig.from(Map.of("http.host", "localhost"))).enforced());
    }

    @Test
    void a_non_loopback_bind_without_tokens_is_refused_naming_the_keys() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ApiAccess.from(AppConfig.from(Map.of("http.host", "0.0.0.0"))));
        assertTrue(e.getMessage().contains("'http.host'") && e.getMessage().contains("http.auth.tokens")
                && e.getMessage().contains("http.auth.disabled=true"), e.getMessage());
    }

    @Test
    void disabling_auth_explicitly_opens_any_bind_but_not_together_with_tokens() {
        assertFalse(ApiAccess.from(AppConfig.from(Map.of("http.host", "0.0.0.0", "http.auth.disabled", "true"))).enforced());
        assertThrows(ConfigException.class, () -> ApiAccess.from(AppConfig.from(
                Map.of("http.auth.disabled", "true", "http.auth.tokens", "read:" + R))));
        ConfigException bad = assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("http.auth.disabled", "yes")));
        assertTrue(bad.getMessage().contains("'http.auth.disabled'"), bad.getMessage());
    }

    @Test
    void a_route_that_needs_triage_is_403_for_a_read_token_and_open_to_a_triage_token() throws Exception {
        ApiAccess access = ApiAccess.requiring(BearerTokens.from("read:" + R + ",triage:" + T, null));
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.beforeMatched(access::check);
            c.routes.post("/api/v1/alerts/ack", ctx -> ctx.result("acknowledged"), Role.TRIAGE);
        }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> read = post(app.port(), R);
            assertEquals(403, read.statusCode());
            assertTrue(read.body().contains("needs triage"), read.body());
            assertTrue(read.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
            assertEquals("application/json", read.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> triage = post(app.port(), T);
            assertEquals(200, triage.statusCode());
            assertEquals("acknowledged", triage.body());
            assertEquals(401, post(app.port(), null).statusCode());
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> post(int port, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/ack"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
