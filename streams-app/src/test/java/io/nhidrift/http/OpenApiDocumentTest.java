package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.testing.TopologyTest;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/openapi.json} documents exactly the endpoints the server registered, no more, no fewer. */
@TopologyTest
class OpenApiDocumentTest {

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
    void everyRegisteredEndpointIsDocumentedAndEveryDocumentedPathIsRegistered() throws Exception {
        HttpResponse<String> r = api.get(OpenApiRoutes.PATH);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = JSON.readTree(r.body());
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").toString());

        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + p.getKey()));
        }
        TreeSet<String> registered = new TreeSet<>();
        api.server.registeredEndpoints().forEach(e -> registered.add(ApiRoute.openApiPath(e)));
        assertFalse(registered.isEmpty());
        assertEquals(registered, documented, "registered endpoints (left) against the OpenAPI document (right)");
        for (String expected : new String[] {"GET /api/v1/credentials", "GET /api/v1/credentials/{id}",
                "GET /api/v1/credentials/{id}/recommendation", "GET /api/v1/summary", "GET /api/v1/openapi.json", "GET /health"}) {
            assertTrue(documented.contains(expected), expected + " in " + documented);
        }
    }

    @Test
    void theDocumentReadsBackAsOpenApiWithParametersAndBearerSecurity() throws Exception {
        OpenAPI doc = Json.mapper().readValue(api.get(OpenApiRoutes.PATH).body(), OpenAPI.class);
        var list = doc.getPaths().get("/api/v1/credentials").getGet();
        assertTrue(list.getParameters().stream().anyMatch(p -> p.getName().equals("sort")
                && p.getSchema().getEnum().contains("risk")), "sort documented with its values");
        assertEquals("path", doc.getPaths().get("/api/v1/credentials/{id}").getGet().getParameters().get(0).getIn());
        for (String path : new String[] {"/api/v1/credentials", "/api/v1/summary"}) {
            var answer = doc.getPaths().get(path).getGet().getResponses().get("200").getContent().get("application/json").getSchema();
            for (String field : new String[] {"rankedAt", "partial", "failures", "instances"}) {
                assertTrue(answer.getProperties() != null && answer.getProperties().containsKey(field),
                        path + " documents '" + field + "' in its answer");
            }
        }
        assertTrue(doc.getComponents().getSecuritySchemes().containsKey(OpenApiDocument.BEARER));
        assertTrue(doc.getPaths().get("/health").getGet().getSecurity() == null, "health needs no token");
        assertEquals(401, api.send("GET", OpenApiRoutes.PATH, null).statusCode(), "the document needs a read token");
    }
}
