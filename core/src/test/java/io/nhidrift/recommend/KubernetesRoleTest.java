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
class KubernetesRoleTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SA = "system:serviceaccount:payments:deployer";

    private static JsonNode render(Map<String, Long> uses, String... grants) throws Exception {
        Recommendation r = Recommender.recommend(SA, used(SA, NOW, uses), entitlement(SA, "k8s_service_account", grants));
        return YAML.readTree(new KubernetesRole().render(r));
    }

    @Test
    void rulesAreGroupedByApiGroupAndVerbsInTheServiceAccountsNamespace() throws Exception {
        JsonNode role = render(Map.of("secrets:get", 2L, "configmaps:get", 1L, "deployments.apps:patch", 4L,
                "deployments.apps/scale:patch", 1L, "pods/exec:create", 1L), "*");
        assertEquals("rbac.authorization.k8s.io/v1", role.get("apiVersion").asText());
        assertEquals("Role", role.get("kind").asText());
        assertEquals("payments", role.get("metadata").get("namespace").asText());
        assertEquals("nhi-drift-deployer-least-privilege", role.get("metadata").get("name").asText());
        JsonNode rules = role.get("rules");
        assertEquals(3, rules.size(), rules.toString());
        assertRule(rules.get(0), "", List.of("pods/exec"), List.of("create"));
        assertRule(rules.get(1), "", List.of("configmaps", "secrets"), List.of("get"));
        assertRule(rules.get(2), "apps", List.of("deployments", "deployments/scale"), List.of("patch"));
    }

    @Test
    void nonResourceUrlsAndClusterScopedResourcesNeedAClusterRole() throws Exception {
        JsonNode role = render(Map.of("/healthz:get", 1L, "nodes:list", 1L, "nodes:get", 1L), "*");
        assertEquals("ClusterRole", role.get("kind").asText());
        assertTrue(role.get("metadata").get("namespace") == null);
        assertRule(role.get("rules").get(0), "", List.of("nodes"), List.of("get", "list"));
        assertEquals("/healthz", role.get("rules").get(1).get("nonResourceURLs").get(0).asText());
    }

    @Test
    void noUseGivesARoleWithoutRulesAndNamedUnparseableEntriesAreLeftOut() throws Exception {
        JsonNode empty = render(Map.of(), "secrets:*");
        assertEquals(0, empty.get("rules").size());
        assertEquals(new KubernetesRole.K8sAction("certificates.k8s.io", "certificatesigningrequests/approval", "update", false),
                KubernetesRole.K8sAction.parse("certificatesigningrequests.certificates.k8s.io/approval:update"));
        assertEquals(null, KubernetesRole.K8sAction.parse("no-verb"));
    }

    private static void assertRule(JsonNode rule, String group, List<String> resources, List<String> verbs) {
        assertEquals(List.of(group), YAML.convertValue(rule.get("apiGroups"), List.class), rule.toString());
        assertEquals(resources, YAML.convertValue(rule.get("resources"), List.class), rule.toString());
        assertEquals(verbs, YAML.convertValue(rule.get("verbs"), List.class), rule.toString());
    }
}
