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
class AwsIamPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePolicyAllowsExactlyTheActionsUsedUnderWildcardGrantsOnAnyResource() throws Exception {
        Recommendation r = Recommender.recommend("AKIAX", used("AKIAX", NOW, Map.of("s3:GetObject", 3L, "s3:ListBucket", 1L)),
                entitlement("AKIAX", "aws_access_key", "s3:*", "ec2:*"));
        JsonNode policy = JSON.readTree(new AwsIamPolicy().render(r));
        assertEquals("2012-10-17", policy.get("Version").asText());
        assertEquals(1, policy.get("Statement").size());
        JsonNode s = policy.get("Statement").get(0);
        assertEquals("Allow", s.get("Effect").asText());
        assertEquals("*", s.get("Resource").asText());
        assertEquals(List.of("s3:GetObject", "s3:ListBucket"), JSON.convertValue(s.get("Action"), List.class));
        assertTrue(s.get("Sid").asText().matches("[A-Za-z0-9]+"), "IAM accepts alphanumeric Sids only");
    }

    @Test
    void noUseRendersAPolicyWithoutStatementsThatGrantsNothing() throws Exception {
        Recommendation r = Recommender.recommend("AKIAX", used("AKIAX", NOW, Map.of()), entitlement("AKIAX", "aws_access_key", "s3:*"));
        JsonNode policy = JSON.readTree(new AwsIamPolicy().render(r));
        assertEquals(0, policy.get("Statement").size());
    }

    @Test
    void entriesThatAreNotIamActionsAreLeftOutAndNamed() {
        Recommendation r = Recommender.recommend("AKIAX", used("AKIAX", NOW, Map.of("s3:GetObject", 1L, "GET /health", 1L)), null);
        assertEquals(List.of("GET /health"), AwsIamPolicy.skipped(r));
        assertTrue(!new AwsIamPolicy().render(r).contains("/health"));
    }
}
