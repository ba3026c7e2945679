package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.testing.TopologyTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameters of the list, summary and recommendation routes are checked before any store is read: a bad value is a
 * JSON 400 naming the valid ones (on a never-started instance, a valid request gets as far as the 503).
 */
@TopologyTest
class QueryApiParametersTest {

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
    void badListParametersAreA400NamingTheValidValues() throws Exception {
        assertBadRequest("/api/v1/credentials?status=sleepy", "active, idle, dormant, unknown, revoked, expired");
        assertBadRequest("/api/v1/credentials?kind=robot", "aws_access_key");
        assertBadRequest("/api/v1/credentials?sort=colour", "id, risk, lastSeen, unusedShare");
        assertBadRequest("/api/v1/credentials?order=up", "asc or desc");
        assertBadRequest("/api/v1/credentials?hasOpenAlerts=maybe", "true or false");
        assertBadRequest("/api/v1/credentials?limit=1001", "1 to 1000");
        assertBadRequest("/api/v1/credentials?cursor=not-a-cursor", "invalid cursor");
        assertBadRequest("/api/v1/credentials?sort=risk&after=AKIA1", "id order only");
        assertBadRequest("/api/v1/summary?limit=5", "unknown query parameter 'limit'");
        assertEquals(503, api.get("/api/v1/credentials?status=idle&kind=aws_role&sort=risk&order=asc&hasOpenAlerts=true"
                + "&source=cloudtrail&owner=x&team=y&limit=1000").statusCode(), "every valid filter accepted");
        assertEquals(503, api.get("/api/v1/summary").statusCode());
    }

    @Test
    void aCursorOfAnotherSortIsRefused() throws Exception {
        ListQuery risk = ListQuery.from(java.util.Map.of("sort", "risk"));
        String cursor = risk.encode(new Position(42.0, "AKIA1"));
        assertEquals(new Position(42.0, "AKIA1"), ListQuery.from(java.util.Map.of("sort", "risk", "cursor", cursor)).after());
        assertBadRequest("/api/v1/credentials?sort=lastSeen&cursor=" + cursor, "another sort");
        assertBadRequest("/api/v1/credentials?sort=risk&status=idle&cursor=" + cursor, "filter set");
    }

    @Test
    void theRecommendationRouteTakesTheIdBeforeItsSuffixAndChecksTheFormatFirst() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/credentials/AKIAEXAMPLE1/recommendation?format=k8s-role");
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("AKIAEXAMPLE1", JSON.readTree(r.body()).path("credentialId").asText());
        HttpResponse<String> encoded = api.get("/api/v1/credentials/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Frecommendation");
        assertEquals("arn:aws:iam::1:role/recommendation", JSON.readTree(encoded.body()).path("credentialId").asText(),
                "an id ending in an encoded /recommendation is a plain lookup");
        JsonNode unknownFormat = assertBadRequest("/api/v1/credentials/AKIAEXAMPLE1/recommendation?format=pdf",
                "aws-iam, k8s-role, gcp-role, gateway-routes, json");
        assertTrue(unknownFormat.path("error").asText().contains("pdf"));
        assertBadRequest("/api/v1/credentials/AKIAEXAMPLE1/recommendation?fmt=json", "expected one of format");
    }

    private JsonNode assertBadRequest(String path, String mentions) throws Exception {
        HttpResponse<String> r = api.get(path);
        assertEquals(400, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        JsonNode n = JSON.readTree(r.body());
        assertTrue(n.path("error").asText().contains(mentions), path + ": " + n);
        return n;
    }
}
