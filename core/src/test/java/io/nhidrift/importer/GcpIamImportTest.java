package io.nhidrift.importer;

import static io.nhidrift.importer.ImportSamples.anyWarning;
import static io.nhidrift.importer.ImportSamples.entitlements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;
import io.nhidrift.json.Json;

@UnitTest
class GcpIamImportTest {

    static final String PROJECTS = "gcp_iam/gcpdiag_test_projects/";
    static final String ANTHOS_SA = "anthos-on-vmware-sa@gcpdiag-gke-cluster-autoscaler-rrrr.iam.gserviceaccount.com";

    static List<Path> predefinedRoles() throws Exception {
        try (Stream<Path> s = Files.list(entitlements("gcp_iam/iam-dataset_predefined_roles"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void gke2WithRoleDefinitions() throws Exception {
        List<Path> defs = new java.util.ArrayList<>(predefinedRoles());
        defs.add(entitlements(PROJECTS + "gke2__iam-roles-custom.json"));
        ImportResult r = GcpIamImporter.importFiles(entitlements(PROJECTS + "gke2__iam-policy.json"), defs);
        System.out.println("gke2+defs warnings " + r.warnings().size() + ": " + r.warnings());
        assertEquals(31, r.records().size());
        InventoryRecord sa = r.find(ANTHOS_SA);
        assertEquals("gcp_service_account", sa.kind());
        assertTrue(sa.grants().containsAll(List.of("storage.buckets.create", "storage.objects.delete")));
        assertTrue(sa.grants().contains("iam.serviceAccountKeys.create"), "roles/iam.serviceAccountKeyAdmin");
        assertTrue(sa.purpose().contains("roles/storage.admin"));
        assertFalse(anyWarning(r, "roles/storage.admin"));
        // iam.securityAdmin is one of the large roles left out of the subset: warned, not guessed
        assertTrue(anyWarning(r, "roles/iam.securityAdmin", "no definition"));
        assertTrue(anyWarning(r, "non-service-account members skipped", "user=1"));
    }

    @Test
    void gke2WithoutDefinitionsWarns() throws Exception {
        ImportResult r = GcpIamImporter.importFiles(entitlements(PROJECTS + "gke2__iam-policy.json"), List.of());
        System.out.println("gke2 warnings " + r.warnings().size());
        assertTrue(anyWarning(r, "role roles/storage.admin has no definition"));
        assertTrue(r.find(ANTHOS_SA).grants().stream().noneMatch(g -> g.startsWith("storage.")));
        assertTrue(r.find(ANTHOS_SA).purpose().contains("roles/storage.admin"));
    }

    @Test
    void gke1CustomRoles() throws Exception {
        ImportResult r = GcpIamImporter.importFiles(entitlements(PROJECTS + "gke1__iam-policy.json"),
                List.of(entitlements(PROJECTS + "gke1__iam-roles-custom.json")));
        System.out.println("gke1+custom warnings " + r.warnings().size() + ": " + r.warnings());
        assertEquals(8, r.records().size());
        InventoryRecord sa = r.find("gke2sa@gcpdiag-gke1-aaaa.iam.gserviceaccount.com");
        assertTrue(sa.grants().containsAll(List.of("storage.objects.get", "monitoring.timeSeries.create")));
        assertEquals(List.of("cloudnotifications.activities.list"),
                r.find("gke3sa@gcpdiag-gke1-aaaa.iam.gserviceaccount.com").grants());
        assertTrue(anyWarning(r, "roles/editor", "2 service account(s)"));
    }

    @Test
    void gce3() throws Exception {
        List<Path> defs = new java.util.ArrayList<>(predefinedRoles());
        defs.add(entitlements(PROJECTS + "gce3__iam-roles-custom.json"));
        ImportResult r = GcpIamImporter.importFiles(entitlements(PROJECTS + "gce3__iam-policy.json"), defs);
        System.out.println("gce3+defs warnings " + r.warnings().size());
        assertEquals(45, r.records().size());
        assertTrue(anyWarning(r, "user=16"));
    }

    @Test
    void conditionalBindingKeptWithWarning() throws Exception {
        var policy = Json.readText("""
                {"bindings":[{"role":"roles/storage.objectViewer","members":["serviceAccount:x@p.iam.gserviceaccount.com",
                 "group:g@example.com","domain:example.com"],
                 "condition":{"title":"until 2027","expression":"request.time < timestamp('2027-01-01T00:00:00Z')"}}]}""");
        ImportResult r = GcpIamImporter.importNodes(policy,
                Json.readDocuments(entitlements("gcp_iam/iam-dataset_predefined_roles/storage.objectViewer.json")));
        assertTrue(r.find("x@p.iam.gserviceaccount.com").grants().contains("storage.objects.get"));
        assertTrue(anyWarning(r, "1 conditional bindings"));
        assertTrue(anyWarning(r, "domain=1", "group=1"));
    }
}
