package io.nhidrift.recommend;

import static io.nhidrift.review.ReviewFixtures.NOW;
import static io.nhidrift.review.ReviewFixtures.entitlement;
import static io.nhidrift.review.ReviewFixtures.used;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class RecommenderTest {

    @Test
    void usedWildcardsBecomeTheActionsUsedAndUnusedGrantsGo() {
        Recommendation r = Recommender.recommend("AKIAX", used("AKIAX", NOW, Map.of("s3:GetObject", 3L, "s3:ListBucket", 1L,
                "iam:CreateUser", 1L)), entitlement("AKIAX", "aws_access_key", "s3:GetObject", "s3:List*", "ec2:*"));
        assertEquals(Platform.AWS, r.platform());
        assertEquals(List.of("s3:GetObject", "s3:ListBucket"), r.entries());
        assertEquals(List.of("s3:GetObject"), r.diff().keep());
        assertEquals(List.of("s3:List*", "ec2:*"), r.diff().remove());
        assertEquals(List.of("s3:ListBucket"), r.diff().add());
        assertEquals(List.of("iam:CreateUser"), r.outsideGrants(), "out-of-scope use is never recommended");
        assertTrue(r.note().contains("iam:CreateUser"), r.note());
    }

    @Test
    void aCredentialWithNoUseIsRecommendedNothingAndEveryGrantRemoved() {
        Recommendation r = Recommender.recommend("AKIAX", used("AKIAX", NOW, Map.of()),
                entitlement("AKIAX", "aws_access_key", "s3:*", "ec2:Describe*"));
        assertEquals(List.of(), r.entries());
        assertEquals(List.of("s3:*", "ec2:Describe*"), r.diff().remove());
        assertEquals(List.of(), r.diff().add());
        assertTrue(r.note().contains("consider disabling"), r.note());
    }

    @Test
    void aGatewayConsumerKeepsTheRoutePatternsItUsedInsteadOfEveryConcretePath() {
        Recommendation r = Recommender.recommend("orders-app", used("orders-app", NOW, Map.of("GET /v1/orders/42", 2L,
                "GET /v1/orders/43", 1L)), entitlement("orders-app", "api_key", "GET /v1/orders/*", "DELETE /v1/*"));
        assertEquals(Platform.GATEWAY, r.platform());
        assertEquals(List.of("GET /v1/orders/*"), r.entries());
        assertEquals(List.of("GET /v1/orders/*"), r.diff().keep());
        assertEquals(List.of("DELETE /v1/*"), r.diff().remove());
    }

    @Test
    void anUninventoriedCredentialIsRecommendedWhatItUsedToStartItsInventoryEntry() throws Exception {
        Recommendation r = Recommender.recommend("system:serviceaccount:ci:runner",
                used("system:serviceaccount:ci:runner", NOW, Map.of("pods:list", 1L)), null);
        assertEquals(Platform.KUBERNETES, r.platform());
        assertEquals(List.of("pods:list"), r.entries());
        assertEquals(List.of("pods:list"), r.diff().add());
        JsonNode json = new ObjectMapper().readTree(RecommendationJson.render(r));
        assertEquals("kubernetes", json.get("platform").asText());
        assertEquals("k8s-role", json.get("formats").get(0).asText());
        assertEquals("pods:list", json.get("diff").get("add").get(0).asText());
    }
}
