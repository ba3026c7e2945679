package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.TopologyTest;

/**
 * Inventories made by {@code import} from small realistic exports, replayed against matching logs,
 * give the expected OUT_OF_SCOPE_USE and UNUSED_ENTITLEMENT alerts (AWS, Kubernetes, GCP).
 */
@TopologyTest
class ImportedInventoryReplayTest {

    @TempDir
    Path dir;

    private List<String> importAndReplay(String importFormat, List<String> importArgs, String logFormat, String logs)
            throws Exception {
        Path inventory = dir.resolve("inventory.ndjson");
        Path log = dir.resolve("log.json");
        Files.writeString(log, logs);
        List<String> args = new ArrayList<>(List.of("import", importFormat));
        args.addAll(importArgs);
        args.addAll(List.of("--asof", "2026-01-01T00:00:00Z", "--out", inventory.toString()));
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute(args.toArray(String[]::new)));
            Path alerts = dir.resolve("alerts.ndjson");
            assertEquals(0, Main.execute("replay", "--inventory", inventory.toString(), "--input", logFormat + "=" + log,
                    "--until", "2026-04-15T00:00:00Z", "--alerts", alerts.toString()));
            ObjectMapper m = new ObjectMapper();
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(alerts)) {
                JsonNode a = m.readTree(line);
                out.add(a.get("type").asText() + " " + a.get("credentialId").asText() + " " + a.get("subject"));
            }
            return out;
        } finally {
            System.setErr(err);
        }
    }

    private static String ct(String time, String source, String name, String roleArn) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA:s\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/exporter/s\",\"accountId\":\"111122223333\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"" + roleArn + "\"}}},"
                + "\"eventTime\":\"" + time + "\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\","
                + "\"sourceIPAddress\":\"10.0.0.1\",\"userAgent\":\"aws-sdk-java/2.20\",\"eventID\":\"" + time + name + "\"}";
    }

    @Test
    void awsAuthorizationDetails() throws Exception {
        Path authz = dir.resolve("authz.json");
        String role = "arn:aws:iam::111122223333:role/service/exporter";
        Files.writeString(authz, """
                {"UserDetailList":[],"GroupDetailList":[],"Policies":[],
                 "RoleDetailList":[{"Path":"/service/","RoleName":"exporter","RoleId":"AROAEXAMPLE",
                   "Arn":"arn:aws:iam::111122223333:role/service/exporter","CreateDate":"2025-06-01T00:00:00Z",
                   "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]},
                   "RolePolicyList":[{"PolicyName":"export","PolicyDocument":{"Version":"2012-10-17","Statement":[
                     {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"},
                     {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}}],
                   "AttachedManagedPolicies":[],"Tags":[{"Key":"owner","Value":"team-data"}]}]}
                """);
        List<String> logs = new ArrayList<>();
        for (int d = 1; d <= 28; d += 3) {
            logs.add(ct(String.format("2026-01-%02dT10:00:00Z", d), "s3.amazonaws.com", "GetObject", role));
            logs.add(ct(String.format("2026-02-%02dT10:00:00Z", d), "s3.amazonaws.com", "ListObjects", role));
            logs.add(ct(String.format("2026-03-%02dT10:00:00Z", d), "s3.amazonaws.com", "GetObject", role));
            logs.add(ct(String.format("2026-04-%02dT10:00:00Z", Math.min(d, 14)), "s3.amazonaws.com", "GetObject", role));
        }
        logs.add(ct("2026-02-10T11:00:00Z", "iam.amazonaws.com", "CreateAccessKey", role));
        List<String> alerts = importAndReplay("aws-authorization-details", List.of(authz.toString()), "cloudtrail",
                "{\"Records\":[" + String.join(",", logs) + "]}");
        assertEquals(List.of("OUT_OF_SCOPE_USE " + role + " \"iam:CreateAccessKey\"",
                "UNUSED_ENTITLEMENT " + role + " [\"ec2:Describe*\"]"), alerts);
    }

    @Test
    void kubernetesRbac() throws Exception {
        Path rbac = dir.resolve("rbac.json");
        Files.writeString(rbac, """
                {"apiVersion":"v1","kind":"List","items":[
                 {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader","namespace":"prod"},
                  "rules":[{"apiGroups":[""],"resources":["configmaps","secrets"],"verbs":["get","list"]},
                           {"apiGroups":["apps"],"resources":["deployments"],"verbs":["patch"]}]},
                 {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"api-reader","namespace":"prod"},
                  "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"},
                  "subjects":[{"kind":"ServiceAccount","name":"api","namespace":"prod"}]}]}
                """);
        StringBuilder logs = new StringBuilder();
        int n = 0;
        for (int month = 1; month <= 4; month++) {
            for (int d = 1; d <= 28; d += 4) {
                for (String[] rv : new String[][] {{"configmaps", "get"}, {"configmaps", "list"}, {"secrets", "get"}, {"secrets", "list"}}) {
                    logs.append(k8s(++n, String.format("2026-%02d-%02dT09:00:00Z", month, d), rv[0], rv[1])).append('\n');
                }
            }
        }
        logs.append(k8s(++n, "2026-02-02T09:30:00Z", "pods/exec", "create")).append('\n');
        List<String> alerts = importAndReplay("k8s-rbac", List.of(rbac.toString()), "k8s-audit", logs.toString());
        String sa = "system:serviceaccount:prod:api";
        assertEquals(List.of("OUT_OF_SCOPE_USE " + sa + " \"pods/exec:create\"",
                "UNUSED_ENTITLEMENT " + sa + " [\"deployments.apps:patch\"]"), alerts);
    }

    private static String k8s(int id, String time, String resource, String verb) {
        String[] rs = resource.split("/");
        String sub = rs.length > 1 ? ",\"subresource\":\"" + rs[1] + "\"" : "";
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a-" + id + "\",\"stage\":\"ResponseComplete\","
                + "\"verb\":\"" + verb + "\",\"requestURI\":\"/api/v1/namespaces/prod/" + resource + "\","
                + "\"user\":{\"username\":\"system:serviceaccount:prod:api\"},\"sourceIPs\":[\"10.3.0.4\"],\"userAgent\":\"api/1.0\","
                + "\"objectRef\":{\"resource\":\"" + rs[0] + "\",\"namespace\":\"prod\"" + sub + "},\"responseStatus\":{\"code\":200},"
                + "\"requestReceivedTimestamp\":\"" + time + "\"}";
    }

    @Test
    void gcpIamPolicyWithRoleDefinitions() throws Exception {
        Path policy = dir.resolve("policy.json");
        Path role = dir.resolve("role.json");
        Files.writeString(policy, """
                {"bindings":[{"role":"roles/custom.exporter","members":["serviceAccount:exp@p.iam.gserviceaccount.com","user:a@b.c"]}],
                 "etag":"BwX","version":1}
                """);
        Files.writeString(role, """
                {"name":"roles/custom.exporter","title":"Exporter","includedPermissions":
                 ["storage.objects.get","storage.objects.list","bigquery.tables.getData"],"stage":"GA"}
                """);
        StringBuilder logs = new StringBuilder();
        int n = 0;
        for (int month = 1; month <= 4; month++) {
            for (int d = 1; d <= 28; d += 4) {
                for (String p : new String[] {"storage.objects.get", "storage.objects.list"}) {
                    logs.append(gcp(++n, String.format("2026-%02d-%02dT08:00:00Z", month, d), p)).append('\n');
                }
            }
        }
        logs.append(gcp(++n, "2026-03-03T08:30:00Z", "storage.objects.delete")).append('\n');
        List<String> alerts = importAndReplay("gcp-iam", List.of(policy.toString(), role.toString()), "gcp-audit", logs.toString());
        String sa = "exp@p.iam.gserviceaccount.com";
        assertEquals(List.of("OUT_OF_SCOPE_USE " + sa + " \"storage.objects.delete\"",
                "UNUSED_ENTITLEMENT " + sa + " [\"bigquery.tables.getData\"]"), alerts);
    }

    private static String gcp(int id, String time, String permission) {
        return "{\"insertId\":\"i-" + id + "\",\"protoPayload\":{\"authenticationInfo\":{\"principalEmail\":\"exp@p.iam.gserviceaccount.com\"},"
                + "\"requestMetadata\":{\"callerIp\":\"10.9.0.2\",\"callerSuppliedUserAgent\":\"gcloud/450\"},"
                + "\"methodName\":\"" + permission + "\",\"authorizationInfo\":[{\"permission\":\"" + permission + "\",\"granted\":true}]},"
                + "\"timestamp\":\"" + time + "\"}";
    }
}
