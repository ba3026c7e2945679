package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.testing.TopologyTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the query API answers to callers without the right token and to hostile or malformed requests:
 * always JSON with the right status, never HTML, a stack trace or an internal class name.
 */
@TopologyTest
class QueryApiHardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private UnstartedApi api;

    @BeforeEach
    void start() {
        api = new UnstartedApi(stateDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void health_needs_no_token() throws Exception {
        HttpResponse<String> r = api.send("GET", "/health", null);
        assertEquals(503, r.statusCode()); // streams not started: DOWN, but answered
        assertEquals("DOWN", jsonError(r).path("status").asText());
    }

    @Test
    void missing_token_is_401_with_www_authenticate() throws Exception {
        for (String path : new String[] {"/api/v1/credentials/AKIAEXAMPLEKEY000001", "/api/v1/credentials?limit=5", "/metrics"}) {
            HttpResponse<String> r = api.send("GET", path, null);
            assertEquals(401, r.statusCode(), path);
            assertEquals("Bearer realm=\"nhi-drift\"", r.headers().firstValue("WWW-Authenticate").orElse(null), path);
            assertTrue(jsonError(r).path("error").asText().contains("missing bearer token"), r.body());
        }
    }

    @Test
    void wrong_token_is_401_invalid_token() throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/v1/credentials/AKIAEXAMPLEKEY000001", UnstartedApi.READ_TOKEN + "x");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertEquals("invalid bearer token", jsonError(r).path("error").asText());
    }

    @Test
    void other_authorization_schemes_are_401() throws Exception {
        HttpResponse<String> r = api.sendWithAuthorization("/api/v1/credentials/x", "Basic cmVhZDpzZWNyZXQ=");
        assertEquals(401, r.statusCode());
        jsonError(r);
    }

    @Test
    void read_and_triage_tokens_both_reach_the_lookup() throws Exception {
        assertEquals(503, api.send("GET", "/api/v1/credentials/AKIAEXAMPLEKEY000001", UnstartedApi.READ_TOKEN).statusCode());
        assertEquals(503, api.send("GET", "/api/v1/credentials/AKIAEXAMPLEKEY000001", UnstartedApi.TRIAGE_TOKEN).statusCode());
        assertEquals(200, api.send("GET", "/metrics", UnstartedApi.TRIAGE_TOKEN).statusCode());
    }

    @Test
    void unknown_paths_are_json_404_with_or_without_token() throws Exception {
        for (String token : new String[] {null, UnstartedApi.READ_TOKEN}) {
            HttpResponse<String> r = api.send("GET", "/api/v2/credentials/x", token);
            assertEquals(404, r.statusCode());
            assertEquals("no such endpoint", jsonError(r).path("error").asText());
        }
        assertEquals(404, api.send("GET", "/etc/passwd", null).statusCode());
    }

    @Test
    void wrong_methods_are_json_405_with_allow() throws Exception {
        for (String[] mp : new String[][] {{"POST", "/api/v1/credentials"}, {"DELETE", "/api/v1/credentials/x"}, {"PUT", "/health"}}) {
            HttpResponse<String> r = api.send(mp[0], mp[1], UnstartedApi.TRIAGE_TOKEN);
            assertEquals(405, r.statusCode(), mp[0] + " " + mp[1] + ": " + r.body());
            assertEquals("GET", r.headers().firstValue("Allow").orElse(null));
            assertTrue(jsonError(r).path("error").asText().contains("not allowed"), r.body());
        }
    }

    @Test
    void encoded_path_traversal_is_only_a_credential_id() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/credentials/..%2F..%2Fetc%2Fpasswd");
        assertEquals(503, r.statusCode(), r.body()); // a lookup of the id "../../etc/passwd", not a file
        assertEquals("../../etc/passwd", jsonError(r).path("credentialId").asText());
    }

    @Test
    void literal_path_traversal_is_only_a_credential_id_too() throws Exception {
        String answer = raw("GET /api/v1/credentials/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + UnstartedApi.READ_TOKEN + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 503"), answer); // the id "../../../etc/passwd", looked up in the store
        assertJsonAnswer(answer);
        assertTrue(answer.contains("\"credentialId\":\"../../../etc/passwd\""), answer);
        String outside = raw("GET /api/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(outside.startsWith("HTTP/1.1 400") || outside.startsWith("HTTP/1.1 404"), outside);
        assertJsonAnswer(outside);
    }

    @Test
    void malformed_percent_encoding_is_a_json_400() throws Exception {
        for (String path : new String[] {"/api/v1/credentials/%ZZ", "/api/v1/credentials?id=%ZZ", "/api/v1/credentials?after=%",
                "/api/v1/credentials/%C3%28", "/api/v1/credentials/a%00b"}) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + UnstartedApi.READ_TOKEN
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + " -> " + answer);
            assertJsonAnswer(answer);
        }
    }

    @Test
    void ids_longer_than_the_limit_are_a_json_400() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/credentials/" + "A".repeat(RequestParams.MAX_ID_LENGTH + 1));
        assertEquals(400, r.statusCode());
        assertTrue(jsonError(r).path("error").asText().contains("too long"), r.body());
        assertEquals(503, api.get("/api/v1/credentials/" + "A".repeat(RequestParams.MAX_ID_LENGTH)).statusCode());
    }

    @Test
    void a_ten_thousand_character_id_is_a_json_error_from_jetty() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/credentials/" + "A".repeat(10_000));
        assertEquals(414, r.statusCode(), r.body());
        jsonError(r);
        HttpResponse<String> q = api.get("/api/v1/credentials?id=" + "A".repeat(20_000));
        assertEquals(414, q.statusCode(), q.body());
        jsonError(q);
    }

    @Test
    void headers_over_8_kib_are_a_json_431() throws Exception {
        String answer = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(ServerLimits.MAX_HEADER_BYTES)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertJsonAnswer(answer);
    }

    @Test
    void limit_out_of_range_or_unknown_parameters_are_a_json_400() throws Exception {
        for (String q : new String[] {"limit=1001", "limit=0", "limit=-1", "limit=99999999999", "limit=lots", "colour=red",
                "limit=5&limit=6"}) {
            HttpResponse<String> r = api.get("/api/v1/credentials?" + q);
            assertEquals(400, r.statusCode(), q + ": " + r.body());
            jsonError(r);
        }
        assertEquals(503, api.get("/api/v1/credentials?limit=1000").statusCode()); // in range: accepted
    }

    private static JsonNode jsonError(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertNoInternals(r.body());
        return JSON.readTree(r.body());
    }

    private static void assertJsonAnswer(String answer) throws Exception {
        String lower = answer.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("content-type: application/json"), answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertNoInternals(body);
        assertTrue(JSON.readTree(body).has("error"), body);
    }

    private static void assertNoInternals(String body) {
        for (String leak : new String[] {"Exception", "org.eclipse", "io.javalin", "io.nhidrift", "<html", "\tat "}) {
            assertFalse(body.contains(leak), "answer leaks '" + leak + "': " + body);
        }
    }

    /** Sends bytes as they are (no client-side normalization or encoding) and reads the whole answer. */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
