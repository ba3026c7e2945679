package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.TopologyTest;

/** The query API before Kafka Streams runs (state CREATED): JSON 503s with Retry-After, never a stack trace. */
@TopologyTest
class QueryServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/path/to/deployer";

    @TempDir
    Path stateDir;

    private UnstartedApi api;

    @BeforeEach
    void startServerOnUnstartedStreams() {
        api = new UnstartedApi(stateDir);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void binds_a_free_port_when_http_port_is_zero() {
        assertTrue(api.server.port() > 0, "bound port: " + api.server.port());
    }

    @Test
    void health_is_503_with_the_streams_state_before_start() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(503, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("CREATED", body.path("streams").asText());
        assertEquals("DOWN", body.path("status").asText());
    }

    @Test
    void credential_lookup_is_503_with_retry_after_while_streams_is_not_running() throws Exception {
        HttpResponse<String> r = get("/api/v1/credentials/AKIAEXAMPLEKEY000001");
        assertUnavailable(r, "AKIAEXAMPLEKEY000001");
    }

    @Test
    void url_encoded_role_arn_reaches_the_lookup_whole() throws Exception {
        String encoded = URLEncoder.encode(ROLE_ARN, StandardCharsets.UTF_8);
        assertTrue(encoded.contains("%2F") && encoded.contains("%3A"), encoded);
        assertUnavailable(get("/api/v1/credentials/" + encoded), ROLE_ARN);
    }

    @Test
    void literal_slashes_and_colons_and_plus_are_kept() throws Exception {
        assertUnavailable(get("/api/v1/credentials/" + ROLE_ARN), ROLE_ARN);
        assertUnavailable(get("/api/v1/credentials/system:serviceaccount:payments:exporter"),
                "system:serviceaccount:payments:exporter");
        assertUnavailable(get("/api/v1/credentials/arn:aws:iam::1:role/a+b"), "arn:aws:iam::1:role/a+b");
    }

    @Test
    void id_query_parameter_is_an_alternative_to_the_path() throws Exception {
        String q = URLEncoder.encode(ROLE_ARN, StandardCharsets.UTF_8);
        assertUnavailable(get("/api/v1/credentials?id=" + q), ROLE_ARN);
    }

    @Test
    void listing_is_503_too() throws Exception {
        HttpResponse<String> r = get("/api/v1/credentials?limit=5");
        assertEquals(503, r.statusCode());
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void bad_limit_is_a_json_400() throws Exception {
        HttpResponse<String> r = get("/api/v1/credentials?limit=lots");
        assertEquals(400, r.statusCode());
        assertTrue(JSON.readTree(r.body()).path("error").asText().contains("limit"), r.body());
    }

    @Test
    void unknown_route_is_a_json_404() throws Exception {
        HttpResponse<String> r = get("/api/v2/nothing");
        assertEquals(404, r.statusCode());
        assertTrue(JSON.readTree(r.body()).has("error"), r.body());
    }

    @Test
    void metrics_json_answer_even_before_start() throws Exception {
        HttpResponse<String> r = get("/metrics.json");
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("CREATED", body.path("streams").asText());
        assertTrue(body.path("metrics").isArray());
    }

    @Test
    void metrics_answer_prometheus_text_even_before_start() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        assertTrue(r.body().contains("# TYPE nhidrift_store_entries gauge"), r.body());
        assertTrue(r.body().contains("nhidrift_store_entries{store=\"credential-state-store\"} NaN"), r.body());
    }

    private void assertUnavailable(HttpResponse<String> r, String expectedId) throws Exception {
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(expectedId, body.path("credentialId").asText());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return api.get(pathAndQuery);
    }
}
