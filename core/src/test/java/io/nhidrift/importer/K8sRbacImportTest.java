package io.nhidrift.importer;

import static io.nhidrift.importer.ImportSamples.anyWarning;
import static io.nhidrift.importer.ImportSamples.entitlements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;
import io.nhidrift.json.Json;

@UnitTest
class K8sRbacImportTest {

    static final String BOOT = "k8s_rbac/kubernetes_bootstrappolicy/";
    static final String WHOCAN = "k8s_rbac/rbac-tool_testdata/";

    static List<Path> bootstrapFiles() {
        return List.of(entitlements(BOOT + "cluster-roles-featuregates.yaml"),
                entitlements(BOOT + "cluster-role-bindings.yaml"),
                entitlements(BOOT + "controller-role-bindings.yaml"),
                entitlements(BOOT + "namespace-roles.yaml"),
                entitlements(BOOT + "namespace-role-bindings.yaml"));
    }

    static ImportResult fixture(String name) throws Exception {
        ImportResult r = K8sRbacImporter.importFiles(List.of(entitlements(WHOCAN + name)));
        System.out.println(name + " warnings " + r.warnings().size() + ": " + r.warnings());
        return r;
    }

    @Test
    void bootstrapPolicy() throws Exception {
        ImportResult r = K8sRbacImporter.importFiles(bootstrapFiles());
        System.out.println("bootstrap warnings " + r.warnings().size() + ": " + r.warnings());
        // namespaced Role (v1beta1 RoleBinding) -> grants kept, scope in purpose
        InventoryRecord signer = r.find("system:serviceaccount:kube-system:bootstrap-signer");
        assertNotNull(signer);
        assertEquals("k8s_service_account", signer.kind());
        assertTrue(signer.grants().containsAll(List.of("configmaps:get", "configmaps:update", "events:create",
                "events.events.k8s.io:create")), signer.grants().toString());
        assertTrue(signer.purpose().contains("namespace kube-public"));
        assertTrue(anyWarning(r, "namespaced RoleBindings", "no namespace"));
        // system:authenticated discovery roles reach the known service accounts (cluster-wide, non-resource URLs)
        assertTrue(signer.grants().contains("/healthz:get"));
        assertTrue(signer.grants().contains("selfsubjectaccessreviews.authorization.k8s.io:create"));
        // controller ClusterRoles are not in these files: warned, not guessed
        assertTrue(anyWarning(r, "system:controller:attachdetach-controller", "not found"));
        // system:node binding has no subjects
        assertTrue(anyWarning(r, "1 bindings without subjects"));
        assertTrue(r.find("system:serviceaccount:kube-system:attachdetach-controller").grants()
                .stream().noneMatch(g -> g.startsWith("volumeattachments")));
    }

    @Test
    void aggregatedBootstrapClusterRolesAreResolvedRecursively() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (Path p : bootstrapFiles()) {
            docs.addAll(Json.readDocuments(p));
        }
        // kubectl -o json shaped List binding one SA to the aggregated "admin" role
        docs.addAll(Json.readDocuments("""
                {"apiVersion":"v1","kind":"List","items":[
                 {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
                  "metadata":{"name":"ci-admin","namespace":"ci"},
                  "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"},
                  "subjects":[{"kind":"ServiceAccount","name":"deployer"}]}]}
                """));
        ImportResult r = K8sRbacImporter.importDocuments(docs);
        InventoryRecord d = r.find("system:serviceaccount:ci:deployer");
        assertTrue(d.grants().contains("rolebindings.rbac.authorization.k8s.io:create"), "aggregate-to-admin");
        assertTrue(d.grants().contains("pods/exec:create"), "aggregate-to-edit via edit -> admin");
        assertTrue(d.grants().contains("pods:get"), "aggregate-to-view via view -> edit -> admin");
        assertTrue(d.grants().contains("deployments.apps/scale:patch"));
        assertEquals("k8s RBAC: cluster-wide [system:basic-user (group system:authenticated), system:discovery "
                + "(group system:authenticated), system:public-info-viewer (group system:authenticated)]; "
                + "namespace ci [ci-admin]", d.purpose());
    }

    @Test
    void rbacToolAggregate() throws Exception {
        // Expect: who-can get pod / create pod -> ServiceAccount test-aggregate-sa (ns test)
        ImportResult r = fixture("whocan__clusterrole-aggregate.yaml");
        assertEquals(1, r.records().size());
        InventoryRecord sa = r.find("system:serviceaccount:test:test-aggregate-sa");
        assertEquals(List.of("pods:create", "pods:get", "pods:list", "pods:watch"), sa.grants());
        assertTrue(anyWarning(r, "2 User/Group subjects"));
    }

    @Test
    void rbacToolPodCreatorAndSecretReaders() throws Exception {
        // Expect: who-can create pods -> ServiceAccount test-pod-creator-sa
        assertEquals(List.of("pods:create", "pods:update"),
                fixture("whocan__pod-creator.yaml").find("system:serviceaccount:test:test-pod-creator-sa").grants());
        // Expect: who-can get secrets -> ServiceAccount test-secret-reader-sa
        assertTrue(fixture("whocan__secret-reader.yaml").find("system:serviceaccount:test:test-secret-reader-sa")
                .grants().contains("secrets:get"));
        // Expect: who-can get secrets/some-secret -> test-specific-secret-reader-sa (resourceNames widened)
        ImportResult specific = fixture("whocan__specific-resource-reader.yaml");
        assertTrue(specific.find("system:serviceaccount:test:test-specific-secret-reader-sa").grants().contains("secrets:get"));
        assertTrue(anyWarning(specific, "resourceNames"));
    }

    @Test
    void rbacToolPolicyRules() throws Exception {
        // Expect: the-test-user: get * (core), get/list/watch secrets
        InventoryRecord u = fixture("policyrules__multiple-role-bindings.yaml")
                .find("system:serviceaccount:policyrules:the-test-user");
        assertEquals(List.of("*:get", "secrets:get", "secrets:list", "secrets:watch"), u.grants());
        assertEquals("k8s RBAC: namespace policyrules [more-rules-binding, some-rules-binding]", u.purpose());
    }

    @Test
    void rbacToolGatewayOperator() throws Exception {
        ImportResult r = fixture("whocan__gatewat-api-operator.yaml");
        InventoryRecord sa = r.find("system:serviceaccount:test:gateway-network-operator-sa");
        // resource * in a named group -> *.group (and its subresources)
        assertTrue(sa.grants().containsAll(List.of("*.gateway.networking.k8s.io:create",
                "*.gateway.networking.k8s.io/*:patch")));
        // The fixture's "# Expect:" says who-can GET gateways, but its role has no get verb: we follow the rules.
        assertFalse(sa.grants().stream().anyMatch(g -> g.endsWith(":get")));
    }

    @Test
    void rbacToolUserOnlyFixturesGiveNoServiceAccounts() throws Exception {
        // Expect lists only a User for impersonate and for /test-reader
        assertEquals(0, fixture("whocan__impersonator.yaml").records().size());
        ImportResult nr = fixture("whocan__nonresourceurl-reader.yaml");
        assertEquals(0, nr.records().size());
        assertTrue(anyWarning(nr, "nonResourceURLs", "RoleBindings"));
    }

    @Test
    void serviceAccountGroupsAndMissingRoles() throws Exception {
        String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                rules:
                - apiGroups: ["", "apps"]
                  resources: ["pods/log", "deployments"]
                  verbs: ["get"]
                - nonResourceURLs: ["/metrics", "*"]
                  verbs: ["get"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: all-sa-in-a}
                roleRef: {kind: ClusterRole, name: reader, apiGroup: rbac.authorization.k8s.io}
                subjects: [{kind: Group, name: "system:serviceaccounts:a"}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: all-sa-in-b}
                roleRef: {kind: ClusterRole, name: reader, apiGroup: rbac.authorization.k8s.io}
                subjects: [{kind: Group, name: "system:serviceaccounts:b"}]
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: bot, namespace: a, creationTimestamp: "2025-01-02T03:04:05Z"}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: dangling, namespace: a}
                roleRef: {kind: Role, name: nope, apiGroup: rbac.authorization.k8s.io}
                subjects: [{kind: ServiceAccount, name: bot}]
                """;
        ImportResult r = K8sRbacImporter.importDocuments(Json.readDocuments(yaml));
        InventoryRecord bot = r.find("system:serviceaccount:a:bot");
        assertEquals(List.of("/*:get", "/metrics:get", "deployments.apps:get", "deployments:get",
                "pods.apps/log:get", "pods/log:get"), bot.grants());
        assertEquals("2025-01-02T03:04:05Z", bot.createdAt().toString());
        assertTrue(anyWarning(r, "system:serviceaccounts:b", "cannot be enumerated"));
        assertTrue(anyWarning(r, "RoleBinding a/dangling", "Role a/nope not found"));
    }
}
