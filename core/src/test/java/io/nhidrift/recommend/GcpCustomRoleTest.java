package io.nhidrift.recommend;

import static io.nhidrift.review.ReviewFixtures.NOW;
import static io.nhidrift.review.ReviewFixtures.entitlement;
import static io.nhidrift.review.ReviewFixtures.used;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class GcpCustomRoleTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SA = "etl@proj.iam.gserviceaccount.com";

    @Test
    void theRoleIncludesThePermissionsUsedUnderWildcardGrantsAndLeavesMethodNamesOut() throws Exception {
        Recommendation r = Recommender.recommend(SA, used(SA, NOW, Map.of("storage.objects.get", 4L, "storage.objects.list", 1L,
                "google.iam.admin.v1.CreateRole", 1L)), entitlement(SA, "gcp_service_account", "storage.*", "google.iam.*", "bigquery.*"));
        String yaml = new GcpCustomRole().render(r);
        JsonNode role = YAML.readTree(yaml);
        assertEquals("GA", role.get("stage").asText());
        assertTrue(role.get("title").asText().length() <= 100);
        assertEquals(List.of("storage.objects.get", "storage.objects.list"), YAML.convertValue(role.get("includedPermissions"), List.class));
        assertTrue(yaml.startsWith("# Create with: gcloud iam roles create"), yaml);
        assertTrue(yaml.contains("google.iam.admin.v1.CreateRole"), "the left-out method name is named in the comment");
        assertEquals(List.of("bigquery.*"), r.diff().remove().subList(r.diff().remove().size() - 1, r.diff().remove().size()));
    }

    @Test
    void noUseGivesARoleWithoutPermissions() throws Exception {
        Recommendation r = Recommender.recommend(SA, used(SA, NOW, Map.of()), entitlement(SA, "gcp_service_account", "storage.*"));
        assertEquals(0, YAML.readTree(new GcpCustomRole().render(r)).get("includedPermissions").size());
    }
}
