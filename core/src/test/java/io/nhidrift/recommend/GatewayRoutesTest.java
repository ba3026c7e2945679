package io.nhidrift.recommend;

import static io.nhidrift.review.ReviewFixtures.NOW;
import static io.nhidrift.review.ReviewFixtures.entitlement;
import static io.nhidrift.review.ReviewFixtures.used;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class GatewayRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void routesAreTheUsedPatternsSplitIntoMethodAndPath() throws Exception {
        Recommendation r = Recommender.recommend("orders-app", used("orders-app", NOW, Map.of("GET /v1/orders/42", 2L,
                "post /v1/orders", 1L)), entitlement("orders-app", "api_key", "GET /v1/orders/*", "POST /v1/orders", "DELETE /v1/*"));
        JsonNode doc = JSON.readTree(new GatewayRoutes().render(r));
        JsonNode routes = doc.get("routes");
        assertEquals(2, routes.size(), routes.toString());
        assertEquals("GET", routes.get(0).get("method").asText());
        assertEquals("/v1/orders/*", routes.get(0).get("path").asText());
        assertEquals("POST", routes.get(1).get("method").asText());
        assertEquals("/v1/orders", routes.get(1).get("path").asText());
    }

    @Test
    void noUseGivesNoRoute() throws Exception {
        Recommendation r = Recommender.recommend("orders-app", used("orders-app", NOW, Map.of()), entitlement("orders-app", "api_key", "GET /v1/*"));
        assertEquals(0, JSON.readTree(new GatewayRoutes().render(r)).get("routes").size());
    }
}
