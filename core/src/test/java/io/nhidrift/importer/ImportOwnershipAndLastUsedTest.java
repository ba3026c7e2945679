package io.nhidrift.importer;

import static io.nhidrift.importer.ImportSamples.entitlements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.InventoryParser;
import io.nhidrift.json.Json;
import io.nhidrift.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner/team/contact from AWS Tags and Kubernetes labels, lastUsedAt from RoleLastUsed, --access-keys checks. */
@UnitTest
class ImportOwnershipAndLastUsedTest {

    static final Path CLOUDSPLAINING = entitlements("aws_iam/cloudsplaining_example_authz_details.json");
    static final String QUICKSETUP =
            "arn:aws:iam::200611803367:role/AWS-QuickSetup-EnableCRecording-1clff_ap-northeast-1";

    /** Two users (one tagged) and one tagged role; the tagged user has an access key. */
    static final String AUTHZ = """
            {"UserDetailList":[
              {"UserName":"ci","Arn":"arn:aws:iam::111122223333:user/ci","CreateDate":"2024-01-01T00:00:00Z",
               "Tags":[{"Key":"Team","Value":"platform"},{"Key":"Owner","Value":"alice"},
                       {"Key":"contact","Value":"alice@example.com"}]},
              {"UserName":"legacy","Arn":"arn:aws:iam::111122223333:user/legacy","CreateDate":"2024-01-01T00:00:00Z"}],
             "RoleDetailList":[
              {"RoleName":"deployer","Arn":"arn:aws:iam::111122223333:role/deployer","Path":"/",
               "CreateDate":"2024-01-01T00:00:00Z","Tags":[{"Key":"team","Value":"payments"}],
               "RoleLastUsed":{"LastUsedDate":"2026-05-04T03:02:01Z","Region":"eu-west-1"}}],
             "Policies":[]}
            """;
    static final String KEYS = """
            {"AccessKeyMetadata":[{"UserName":"ci","AccessKeyId":"AKIAEXAMPLECI","Status":"Active",
              "CreateDate":"2024-02-01T00:00:00Z"}]}
            """;

    @Test
    void ownerTeamAndContactComeFromAwsTagsFirstConfiguredKeyWins() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(Json.readText(AUTHZ),
                List.of(Json.readText(KEYS)));
        InventoryRecord key = r.find("AKIAEXAMPLECI");
        assertEquals("alice", key.owner(), "Owner precedes Team in the default keys; a key takes its user's tags");
        assertEquals("platform", key.team());
        assertEquals("alice@example.com", key.contact());
        InventoryRecord role = r.find("arn:aws:iam::111122223333:role/deployer");
        assertEquals("payments", role.owner(), "team is a default owner key when no owner tag exists");
        assertEquals("payments", role.team());
        assertNull(role.contact());
        InventoryRecord legacy = r.find("arn:aws:iam::111122223333:user/legacy");
        assertNull(legacy.owner(), "untagged user");
        assertFalse(legacy.toJson().contains("\"team\""), "absent optional fields are not written");

        ImportResult contactFirst = AwsAuthorizationDetailsImporter.importNodes(Json.readText(AUTHZ),
                List.of(Json.readText(KEYS)), new OwnerKeys(List.of("contact", "Owner")));
        assertEquals("alice@example.com", contactFirst.find("AKIAEXAMPLECI").owner());
        assertNull(contactFirst.find("arn:aws:iam::111122223333:role/deployer").owner(), "team no longer an owner key");
    }

    @Test
    void cloudsplainingTagsNameNoOwnerByDefaultButAConfiguredKeyIsRead() throws Exception {
        // The sample's 16 tagged roles carry only QuickSetup* tags, none of the default owner keys.
        ImportResult byDefault = AwsAuthorizationDetailsImporter.importFiles(CLOUDSPLAINING, List.of());
        assertTrue(byDefault.records().stream().allMatch(x -> x.owner() == null));

        ImportResult configured = AwsAuthorizationDetailsImporter.importFiles(CLOUDSPLAINING, List.of(),
                new OwnerKeys(List.of("QuickSetupType")));
        assertEquals("Config Recording", configured.find(QUICKSETUP).owner());
        assertEquals(16, configured.records().stream().filter(x -> x.owner() != null).count());
    }

    @Test
    void rolesWithRoleLastUsedCarryLastUsedAt() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importFiles(CLOUDSPLAINING, List.of());
        assertEquals(26, r.records().stream().filter(x -> x.lastUsedAt() != null).count());
        assertTrue(r.records().stream().filter(x -> x.lastUsedAt() != null).allMatch(x -> "aws_role".equals(x.kind())));
        InventoryRecord qs = r.find(QUICKSETUP);
        assertEquals(Instant.parse("2022-08-07T12:56:48Z"), qs.lastUsedAt(), "python str(datetime) form parsed");
        assertTrue(qs.toJson().contains("\"lastUsedAt\":\"2022-08-07T12:56:48Z\""), qs.toJson());
    }

    @Test
    void inventoryParserAcceptsTheOptionalFields() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(Json.readText(AUTHZ), List.of(Json.readText(KEYS)))
                .withAsOf(Instant.parse("2026-07-01T00:00:00Z"));
        String line = r.find("AKIAEXAMPLECI").toJson();
        assertTrue(line.contains("\"team\":\"platform\""), line);
        Entitlement e = InventoryParser.parse(line.getBytes(StandardCharsets.UTF_8));
        assertEquals("alice", e.getOwner());
        String role = r.find("arn:aws:iam::111122223333:role/deployer").toJson();
        assertEquals("arn:aws:iam::111122223333:role/deployer",
                InventoryParser.parse(role.getBytes(StandardCharsets.UTF_8)).getCredentialId(), role);
    }

    @Test
    void accessKeysFileThatIsNotAListAccessKeysAnswerIsRejected(@TempDir Path tmp) throws Exception {
        Path authz = tmp.resolve("authz.json");
        Files.writeString(authz, AUTHZ);
        Path bogus = tmp.resolve("bogus.json");
        Files.writeString(bogus, "{\"foo\":1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AwsAuthorizationDetailsImporter.importFiles(authz, List.of(bogus)));
        assertTrue(e.getMessage().contains("bogus.json") && e.getMessage().contains("list-access-keys")
                && e.getMessage().contains("[foo]"), e.getMessage());

        Path notArray = tmp.resolve("meta-not-array.json");
        Files.writeString(notArray, "{\"AccessKeyMetadata\":{}}");
        assertThrows(IllegalArgumentException.class,
                () -> AwsAuthorizationDetailsImporter.importFiles(authz, List.of(notArray)));

        Path good = tmp.resolve("keys.json");
        Files.writeString(good, KEYS);
        assertEquals("AKIAEXAMPLECI", AwsAuthorizationDetailsImporter.importFiles(authz, List.of(good))
                .find("AKIAEXAMPLECI").credentialId());
    }

    @Test
    void k8sServiceAccountLabelsAndAnnotationsNameTheOwner() throws Exception {
        List<JsonNode> docs = Json.readDocuments("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: billing
                  namespace: pay
                  labels:
                    app.kubernetes.io/managed-by: helm
                    team: payments
                  annotations:
                    contact: oncall-pay@example.com
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: operator
                  namespace: pay
                  annotations:
                    app.kubernetes.io/managed-by: argocd
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: readers
                  namespace: pay
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: Role
                  name: reader
                subjects:
                - kind: ServiceAccount
                  name: billing
                - kind: ServiceAccount
                  name: unlabelled
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: reader
                  namespace: pay
                rules:
                - apiGroups: [""]
                  resources: ["pods"]
                  verbs: ["get"]
                """);
        ImportResult r = K8sRbacImporter.importDocuments(docs);
        InventoryRecord billing = r.find("system:serviceaccount:pay:billing");
        assertEquals("payments", billing.owner(), "team precedes managed-by in the default keys");
        assertEquals("payments", billing.team());
        assertEquals("oncall-pay@example.com", billing.contact(), "annotations are read too");
        assertEquals("argocd", r.find("system:serviceaccount:pay:operator").owner());
        assertNull(r.find("system:serviceaccount:pay:unlabelled").owner(), "known only as a subject: no labels");

        ImportResult managedBy = K8sRbacImporter.importDocuments(docs,
                new OwnerKeys(List.of("app.kubernetes.io/managed-by")));
        assertEquals("helm", managedBy.find("system:serviceaccount:pay:billing").owner());
    }
}
