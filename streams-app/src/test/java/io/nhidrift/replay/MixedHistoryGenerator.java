package io.nhidrift.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a four-month history (2026-01-01 .. 2026-04-30) of five credentials in four log formats,
 * with known misbehaviour, plus its inventory, to a directory. {@link ReplayEndToEndTest} knows the
 * exact alert set this must give.
 */
final class MixedHistoryGenerator {

    static final String K1 = "AKIAREPLAY0000000001";
    static final String R1 = "arn:aws:iam::111122223333:role/deployer";
    static final String G1 = "exporter@proj.iam.gserviceaccount.com";
    static final String S1 = "system:serviceaccount:prod:api";
    static final String C1 = "billing-svc";

    private final List<String> cloudtrail = new ArrayList<>();
    private final List<String> gcp = new ArrayList<>();
    private final List<String> k8s = new ArrayList<>();
    private final List<String> kong = new ArrayList<>();
    private int seq;

    static Instant day(String date) {
        return Instant.parse(date + "T12:00:00Z");
    }

    void write(Path dir) throws IOException {
        Instant start = day("2026-01-02");
        Instant end = day("2026-04-30");
        for (Instant t = start; !t.isAfter(end); t = t.plus(Duration.ofDays(1))) {
            long d = Duration.between(start, t).toDays();
            if (d % 3 == 0) {
                cloudtrail.add(iamUser(K1, "s3.amazonaws.com", "GetObject", t, "10.1.1." + (d % 200 + 1)));
                cloudtrail.add(iamUser(K1, "s3.amazonaws.com", "ListObjectsV2", t.plusSeconds(60), "10.1.1.9"));
            }
            if (d % 5 == 0) {
                cloudtrail.add(role(R1, "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", t));
            }
            if (!t.isAfter(day("2026-02-01"))) {
                gcp.add(gcp(G1, "storage.objects.get", t, true));
            }
            if (d % 2 == 0) {
                k8s.add(k8s(S1, "get", "secrets", t, 200));
            }
            if (d % 4 == 0) {
                kong.add(kong(C1, "GET", "/v1/invoices/" + d, t, 200));
                kong.add(kong(C1, "POST", "/v1/invoices", t.plusSeconds(30), 201));
            }
        }
        kong.add(kong("ghost", "GET", "/v1/invoices/1", day("2026-02-02"), 200));
        for (int i = 0; i < 10; i++) {
            k8s.add(k8s(S1, "list", "secrets", day("2026-02-20").plusSeconds(10L * i), 403));
        }
        kong.add(kong(C1, "DELETE", "/v1/invoices/7", day("2026-03-01"), 204));
        cloudtrail.add(iamUser(K1, "iam.amazonaws.com", "CreateUser", day("2026-03-10"), "10.1.1.5"));
        cloudtrail.add(iamUser(K1, "s3.amazonaws.com", "GetObject", day("2026-03-15"), "203.0.113.7"));
        gcp.add(gcp(G1, "storage.objects.get", day("2026-04-10"), true));
        // noise that must not alert: an AWSService event and a redelivered K1 record
        cloudtrail.add("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"},"
                + "\"eventTime\":\"2026-02-10T00:00:00Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\","
                + "\"eventID\":\"svc-1\",\"sourceIPAddress\":\"ec2.amazonaws.com\",\"userAgent\":\"ec2.amazonaws.com\"}");
        cloudtrail.add(cloudtrail.get(cloudtrail.size() - 3));

        Files.createDirectories(dir.resolve("ct"));
        int half = cloudtrail.size() / 2;
        Files.writeString(dir.resolve("ct/part-1.json"), "{\"Records\":[" + String.join(",", cloudtrail.subList(0, half)) + "]}");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("ct/part-2.json.gz")))) {
            out.write(("{\"Records\":[" + String.join(",", cloudtrail.subList(half, cloudtrail.size())) + "]}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("gcp.ndjson"), gcp);
        Files.write(dir.resolve("k8s.ndjson"), k8s);
        List<String> kongLines = new ArrayList<>(kong);
        kongLines.add("{\"this is\": not json");
        Files.write(dir.resolve("kong.ndjson"), kongLines);
        Files.write(dir.resolve("inventory.ndjson"), List.of(
                inv(K1, "aws_access_key", "2026-01-01", "\"s3:GetObject\",\"s3:List*\"", ",\"createdAt\":\"2025-12-01T00:00:00Z\",\"rotationDays\":365"),
                inv(R1, "aws_role", "2026-01-01", "\"lambda:*\",\"s3:PutObject\"", ""),
                inv(G1, "gcp_service_account", "2026-01-01", "\"storage.objects.get\",\"storage.objects.list\",\"bigquery.*\"", ""),
                inv(S1, "k8s_service_account", "2026-01-01", "\"secrets:get\",\"configmaps:*\"", ""),
                inv(C1, "api_key", "2026-01-01", "\"GET /v1/invoices/*\",\"post /v1/invoices\"", ""),
                inv(R1, "aws_role", "2026-02-15", "\"lambda:*\",\"s3:PutObject\",\"iam:PassRole\"", "")));
    }

    private static String inv(String id, String kind, String asOf, String grants, String extra) {
        return "{\"credentialId\":\"" + id + "\",\"kind\":\"" + kind + "\",\"owner\":\"team-x\",\"grants\":[" + grants
                + "],\"denies\":[],\"asOf\":\"" + asOf + "T00:00:00Z\"" + extra + "}";
    }

    private String id() {
        return "gen-" + (++seq);
    }

    private String iamUser(String key, String source, String name, Instant t, String ip) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAGEN\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/exporter\",\"accountId\":\"111122223333\",\"accessKeyId\":\""
                + key + "\",\"userName\":\"exporter\"},\"eventTime\":\"" + t + "\",\"eventSource\":\"" + source
                + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"" + ip
                + "\",\"userAgent\":\"aws-cli/2.13." + (seq % 7) + " Python/3.11.4 Linux/5.10\",\"eventID\":\"" + id() + "\"}";
    }

    private String role(String arn, String source, String name, Instant t) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAGEN:ci\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/deployer/ci\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"ASIAGEN\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"" + arn
                + "\",\"userName\":\"deployer\"}}},\"eventTime\":\"" + t + "\",\"eventSource\":\"" + source + "\",\"eventName\":\""
                + name + "\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"10.40.0.7\",\"userAgent\":\"aws-sdk-go-v2/1.21.0\","
                + "\"eventID\":\"" + id() + "\"}";
    }

    private String gcp(String email, String permission, Instant t, boolean granted) {
        return "{\"insertId\":\"" + id() + "\",\"logName\":\"projects/proj/logs/cloudaudit.googleapis.com%2Fdata_access\","
                + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"authenticationInfo\":"
                + "{\"principalEmail\":\"" + email + "\"},\"requestMetadata\":{\"callerIp\":\"10.2.2.4\",\"callerSuppliedUserAgent\":"
                + "\"google-cloud-sdk gcloud/450.0.0\"},\"serviceName\":\"storage.googleapis.com\",\"methodName\":\"storage.objects.get\","
                + "\"authorizationInfo\":[{\"permission\":\"" + permission + "\",\"granted\":" + granted + "}],"
                + "\"resourceName\":\"projects/_/buckets/b/objects/o\"},\"timestamp\":\"" + t + "\",\"severity\":\"INFO\"}";
    }

    private String k8s(String user, String verb, String resource, Instant t, int code) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id()
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/prod/" + resource + "\",\"verb\":\"" + verb
                + "\",\"user\":{\"username\":\"" + user + "\"},\"sourceIPs\":[\"10.3.3.8\"],\"userAgent\":\"api/v1.0 (linux/amd64) kubernetes/abc\","
                + "\"objectRef\":{\"resource\":\"" + resource + "\",\"namespace\":\"prod\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"code\":" + code + "},\"requestReceivedTimestamp\":\"" + t + "\",\"stageTimestamp\":\"" + t + "\"}";
    }

    private String kong(String consumer, String method, String path, Instant t, int status) {
        return "{\"request\":{\"method\":\"" + method + "\",\"uri\":\"" + path + "?apikey=s3cr3t\",\"headers\":{\"user-agent\":"
                + "\"billing/1.0\",\"apikey\":\"s3cr3t\"}},\"response\":{\"status\":" + status + "},\"client_ip\":\"10.4.4.2\","
                + "\"consumer\":{\"username\":\"" + consumer + "\",\"id\":\"" + id() + "\"},\"started_at\":" + t.toEpochMilli() + "}";
    }
}
