package io.nhidrift.importer;

import static io.nhidrift.importer.ImportSamples.anyWarning;
import static io.nhidrift.importer.ImportSamples.entitlements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;
import io.nhidrift.json.Json;

@UnitTest
class AwsAuthorizationDetailsImportTest {

    static final Path CLOUDSPLAINING = entitlements("aws_iam/cloudsplaining_example_authz_details.json");
    static final Path CLOUDMAPPER = entitlements("aws_iam/cloudmapper_demo/iam-get-account-authorization-details.json");
    static final Path BOTOCORE = entitlements("aws_iam/botocore_iam_examples-1.json");

    static JsonNode listAccessKeysExample() throws Exception {
        return Json.readFile(BOTOCORE).path("examples").path("ListAccessKeys").get(0).get("output");
    }

    @Test
    void cloudsplainingAccount() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importFiles(CLOUDSPLAINING, List.of());
        assertEquals(44 + 78, r.records().size(), "one record per user (no key data) and per role");

        InventoryRecord qs = r.find("arn:aws:iam::200611803367:role/AWS-QuickSetup-EnableCRecording-1clff_ap-northeast-1");
        assertNotNull(qs);
        assertEquals("aws_role", qs.kind());
        assertTrue(qs.grants().contains("s3:CreateBucket"), "inline policy grant");
        assertTrue(qs.grants().contains("kms:GenerateDataKey*"));
        assertEquals(Instant.parse("2022-08-07T12:55:43Z"), qs.createdAt(), "python str(datetime) timestamp");

        // path kept in the role ARN
        assertNotNull(r.find("arn:aws:iam::200611803367:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM"));

        // Allow + NotAction -> grant * with the NotAction list as denies, warning naming the policy
        InventoryRecord na = r.find("arn:aws:iam::200611803367:role/fn4-exploitableNotAction-role");
        assertEquals(List.of("*"), na.grants());
        assertEquals(List.of("iam:Attach*", "iam:Create*", "iam:Update*"), na.denies());
        assertTrue(anyWarning(r, "arn:aws:iam::200611803367:policy/fn4-exploitableNotAction", "NotAction"));
        // PowerUserAccess (also NotAction) is attached to nobody: no warning for it
        assertFalse(anyWarning(r, "PowerUserAccess"));

        // Allow iam:* + Deny iam:* in one policy
        InventoryRecord fp1 = r.find("arn:aws:iam::200611803367:role/fp1-allow-and-deny-role");
        assertEquals(List.of("iam:*"), fp1.grants());
        assertEquals(List.of("iam:*"), fp1.denies());
        assertEquals(List.of("*"), r.find("arn:aws:iam::200611803367:role/fp2-allow-and-deny-multiple-policies-role").denies());

        // user without key data: user ARN, kind other; group policy inherited
        InventoryRecord sre = r.find("arn:aws:iam::200611803367:user/privesc-sre-user");
        assertEquals("other", sre.kind());
        assertTrue(sre.grants().containsAll(List.of("iam:*", "ec2:*", "s3:*")), "from group privesc-sre-group");
        assertEquals(Instant.parse("2023-03-09T10:41:45Z"),
                r.find("arn:aws:iam::200611803367:user/fn1-privesc3-partial-user").createdAt());

        assertTrue(anyWarning(r, "statements with Condition"));
        System.out.println("cloudsplaining warnings " + r.warnings().size() + ": " + r.warnings());
    }

    @Test
    void cloudmapperDemoAccount() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importFiles(CLOUDMAPPER, List.of());
        assertEquals(6, r.records().size());
        // Path "" -> no path segment; /service-role/ kept
        InventoryRecord bad = r.find("arn:aws:iam::123456789012:role/bad_role");
        assertEquals(List.of("*"), bad.grants());
        InventoryRecord level1 = r.find("arn:aws:iam::123456789012:role/service-role/level1");
        assertEquals(List.of("ecr:BatchGetImage", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer",
                "ecr:ListImages", "s3:GetObject", "s3:ListBucket"), level1.grants());
        assertEquals(Instant.parse("2018-11-20T17:14:45Z"), level1.createdAt());
        // user in GROUP_WITH_BAD_INLINE_POLICY gets the group's managed policy (default version v8)
        InventoryRecord user = r.find("arn:aws:iam::aws:user/USER");
        assertEquals("other", user.kind());
        assertTrue(user.grants().contains("ssm:GetDocument"));
        assertTrue(user.grants().contains("ec2messages:GetMessages"));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString()); // BAD_MFA_POLICY is not attached
        System.out.println("cloudmapper warnings " + r.warnings().size() + ": " + r.warnings());
    }

    @Test
    void accessKeysOfUnknownUserAreSkippedWithWarning() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(Json.readFile(CLOUDMAPPER),
                List.of(listAccessKeysExample()));
        assertNull(r.find("AKIA111111111EXAMPLE"));
        assertTrue(anyWarning(r, "user Alice", "(2)"));
        System.out.println("cloudmapper+ListAccessKeys warnings " + r.warnings().size() + ": " + r.warnings());
    }

    @Test
    void accessKeysBecomeOneRecordPerKey() throws Exception {
        // botocore's example keys, re-assigned from Alice to the demo account's USER
        JsonNode keys = listAccessKeysExample().deepCopy();
        keys.get("AccessKeyMetadata").forEach(k -> ((ObjectNode) k).put("UserName", "USER"));
        ((ObjectNode) keys.get("AccessKeyMetadata").get(1)).put("Status", "Inactive");
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(Json.readFile(CLOUDMAPPER), List.of(keys, keys));
        assertEquals(7, r.records().size(), "USER's ARN record replaced by two key records (duplicates ignored)");
        assertNull(r.find("arn:aws:iam::aws:user/USER"));
        InventoryRecord k1 = r.find("AKIA111111111EXAMPLE");
        assertEquals("aws_access_key", k1.kind());
        assertEquals(Instant.parse("2016-12-01T22:19:58Z"), k1.createdAt());
        assertTrue(k1.grants().contains("ssm:GetDocument"));
        assertTrue(r.find("AKIA222222222EXAMPLE").purpose().contains("Inactive"));
        assertNotNull(r.find("arn:aws:iam::aws:user/USER_WITH_BAD_INLINE_POLICY"), "user without keys keeps its ARN");
    }

    @Test
    void missingManagedPolicyIsWarnedNotGuessed() throws Exception {
        ObjectNode authz = (ObjectNode) Json.readFile(CLOUDMAPPER);
        ArrayNode policies = (ArrayNode) authz.get("Policies");
        for (Iterator<JsonNode> it = policies.elements(); it.hasNext(); ) {
            if (it.next().path("PolicyName").asText().equals("AmazonEC2RoleforSSM")) {
                it.remove();
            }
        }
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(authz, List.of());
        assertTrue(anyWarning(r, "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM", "not in the file"));
        assertEquals(List.of(), r.find("arn:aws:iam::aws:user/USER").grants());
        assertEquals(List.of("*"), r.find("arn:aws:iam::123456789012:role/bad_role").grants(), "inline policy still counts");
    }

    @Test
    void denyNotActionIsWarnedAndSkipped() throws Exception {
        ObjectNode authz = (ObjectNode) Json.readFile(CLOUDMAPPER);
        ObjectNode user = (ObjectNode) authz.get("UserDetailList").get(1);
        assertEquals("USER", user.get("UserName").asText());
        ((ArrayNode) user.get("AttachedManagedPolicies")).addObject()
                .put("PolicyName", "BAD_MFA_POLICY").put("PolicyArn", "arn:aws:iam::123456789012:policy/BAD_MFA_POLICY");
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(authz, List.of());
        assertTrue(anyWarning(r, "BAD_MFA_POLICY", "Deny+NotAction"));
        InventoryRecord u = r.find("arn:aws:iam::aws:user/USER");
        assertTrue(u.grants().contains("iam:ListMFADevices"));
        assertEquals(List.of(), u.denies());
    }

    @Test
    void urlEncodedInlineDocumentAndStatementObject() throws Exception {
        ObjectNode authz = (ObjectNode) Json.readFile(CLOUDMAPPER);
        ObjectNode exfiller = (ObjectNode) authz.get("RoleDetailList").get(0);
        ObjectNode inline = (ObjectNode) exfiller.get("RolePolicyList").get(0);
        ObjectNode doc = (ObjectNode) inline.get("PolicyDocument");
        doc.set("Statement", doc.get("Statement").get(0)); // Statement as a single object
        inline.put("PolicyDocument", URLEncoder.encode(doc.toString(), StandardCharsets.UTF_8));
        ImportResult r = AwsAuthorizationDetailsImporter.importNodes(authz, List.of());
        assertEquals(List.of("s3:*"), r.find("arn:aws:iam::123456789012:role/exfiller").grants());
    }

    @Test
    void toJsonHasExactlyTheContractFields() throws Exception {
        ImportResult r = AwsAuthorizationDetailsImporter.importFiles(CLOUDMAPPER, List.of())
                .withAsOf(Instant.parse("2026-07-01T00:00:00Z"));
        String line = r.find("arn:aws:iam::123456789012:role/level3").toJson();
        assertFalse(line.contains("\n"));
        JsonNode n = Json.readText(line);
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("credentialId", "kind", "owner", "purpose", "grants", "denies", "createdAt",
                "expiresAt", "rotationDays", "asOf", "revokedAt"), names);
        assertEquals("2026-07-01T00:00:00Z", n.get("asOf").asText());
        assertEquals("2018-11-23T17:55:27Z", n.get("createdAt").asText());
        assertEquals("[\"s3:GetBucketLocation\",\"s3:ListAllMyBuckets\"]", n.get("grants").toString());
    }
}
