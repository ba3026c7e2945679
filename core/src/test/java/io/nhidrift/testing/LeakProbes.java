package io.nhidrift.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.nhidrift.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records of every input format with one secret planted in one of the fields the format's adapter keeps (user
 * agent, path segment, query, resource name, error or status message, request parameters), one record per
 * (format, field, secret); and records the adapters reject or skip with a reason that quotes the secret. Each
 * record has its own credential, so each one can raise its own alert.
 */
public final class LeakProbes {

    /** How a secret is written into a slot. */
    public enum Form { TEXT, PATH, QUERY }

    /** A field of a template: its placeholder, the value it has when it is not the probed one, how a secret goes in. */
    private record Slot(String name, String plain, Form form, String wrapper) {}

    private record Template(String format, String credential, String json, List<Slot> slots) {}

    /**
     * One probe record.
     *
     * @param credentialId the credential the record's event is attributed to
     * @param field the template slot that carries the secret ("rejected: …" for rejection probes)
     * @param event whether the record normalizes to an event (false: it is rejected or skipped with a reason)
     */
    public record Probe(String format, String field, SecretSamples.Secret secret, String credentialId, byte[] record,
            boolean event) {
        public String text() {
            return new String(record, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return format + "/" + field + "/" + secret.kind();
        }
    }

    private static Slot text(String name, String plain, String wrapper) {
        return new Slot(name, plain, Form.TEXT, wrapper);
    }

    private static Slot path(String name) {
        return new Slot(name, "42", Form.PATH, "%s");
    }

    private static Slot query(String name) {
        return new Slot(name, "page=1", Form.QUERY, "%s");
    }

    private static final Slot UA = text("UA", "probe-client/1.0", "probe-client/1.0 (%s) linux");
    private static final Slot ERROR = text("ERROR", "done", "request failed: %s; retry later");

    private static final List<Template> TEMPLATES = List.of(
        new Template("cloudtrail", "AKIA%016d", """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/svc",\
            "accountId":"123456789012","accessKeyId":"@CRED@","userName":"svc"},"eventTime":"2026-03-01T10:00:00Z",\
            "eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7",\
            "userAgent":"@UA@","requestParameters":{"bucketName":"bucket-a","key":"@KEY@"},"errorMessage":"@ERROR@",\
            "eventID":"@ID@","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"123456789012"}""",
            List.of(UA, text("KEY", "reports/03.csv", "%s"), ERROR)),
        new Template("cloudtrail", "AKIA%016d", """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/svc",\
            "accountId":"123456789012","accessKeyId":"@CRED@","userName":"svc"},"eventTime":"2026-03-01T10:00:00Z",\
            "eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7",\
            "userAgent":"aws-sdk-go/1.44","resources":[{"ARN":"@ARN@","accountId":"123456789012","type":"AWS::KMS::Key"}],\
            "eventID":"@ID@","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"123456789012"}""",
            List.of(text("ARN", "arn:aws:kms:us-east-1:123456789012:key/k-1", "%s"))),
        new Template("gcp-audit", "svc-%d@proj.iam.gserviceaccount.com", """
            {"insertId":"@ID@","logName":"projects/p/logs/cloudaudit.googleapis.com%2Fdata_access","protoPayload":{\
            "@type":"type.googleapis.com/google.cloud.audit.AuditLog","status":{"code":0,"message":"@ERROR@"},\
            "authenticationInfo":{"principalEmail":"@CRED@"},"requestMetadata":{"callerIp":"203.0.113.9",\
            "callerSuppliedUserAgent":"@UA@"},"serviceName":"storage.googleapis.com","methodName":"storage.objects.get",\
            "authorizationInfo":[{"resource":"@PERMRES@","permission":"storage.objects.get","granted":true}],\
            "resourceName":"@RESOURCE@"},"resource":{"type":"gcs_bucket","labels":{"project_id":"p"}},\
            "timestamp":"2026-03-01T10:00:00Z","severity":"INFO"}""",
            List.of(UA, ERROR, text("PERMRES", "projects/_/buckets/b/objects/o", "%s"),
                    text("RESOURCE", "projects/_/buckets/b/objects/o", "%s"))),
        new Template("k8s-audit", "system:serviceaccount:prod:svc-%d", """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"@ID@","stage":"ResponseComplete",\
            "requestURI":"/api/v1/namespaces/prod/secrets/x","verb":"get","user":{"username":"@CRED@"},\
            "sourceIPs":["10.0.0.5"],"userAgent":"@UA@","objectRef":{"resource":"secrets","namespace":"prod","name":"@NAME@",\
            "apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-03-01T10:00:00.000000Z",\
            "annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"@REASON@"}}""",
            List.of(UA, text("NAME", "db", "%s"), text("REASON", "RBAC", "RBAC: allowed by %s"))),
        new Template("k8s-audit", "system:serviceaccount:prod:svc-%d", """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"@ID@","stage":"ResponseComplete",\
            "requestURI":"/healthz/@SEG@?@QUERY@","verb":"get","user":{"username":"@CRED@"},"sourceIPs":["10.0.0.5"],\
            "userAgent":"kube-probe/1.29","responseStatus":{"metadata":{},"code":200},\
            "requestReceivedTimestamp":"2026-03-01T10:00:00.000000Z"}""",
            List.of(path("SEG"), query("QUERY"))),
        new Template("kong", "svc-%d", """
            {"request":{"method":"GET","uri":"/v1/items/@SEG@?@QUERY@","url":"http://kong:8000/v1/items/@SEG@?@QUERY@",\
            "headers":{"user-agent":"@UA@","host":"kong"},"id":"@ID@"},"response":{"status":200},"route":{"name":"@ROUTE@"},\
            "service":{"name":"items"},"consumer":{"username":"@CRED@"},"client_ip":"203.0.113.10",\
            "started_at":1772359200000,"upstream_uri":"/items/@SEG@?@QUERY@"}""",
            List.of(UA, path("SEG"), query("QUERY"), text("ROUTE", "items-route", "%s"))),
        new Template("azure-signin", "sp-%d", """
            {"id":"@ID@","createdDateTime":"2026-03-01T10:00:00Z","appId":"app-1","appDisplayName":"@APPNAME@",\
            "servicePrincipalId":"@CRED@","servicePrincipalName":"deployer","ipAddress":"198.51.100.4",\
            "resourceDisplayName":"@RESDN@","resourceId":"00000003-0000-0000-c000-000000000000","userAgent":"@UA@",\
            "signInEventTypes":["servicePrincipal"],"status":{"errorCode":0,"failureReason":"@FAIL@"}}""",
            List.of(UA, text("APPNAME", "deployer", "%s"), text("RESDN", "Microsoft Graph", "%s"),
                    text("FAIL", "Other.", "Other: %s"))),
        new Template("azure-activity", "app-%d", """
            {"time":"2026-03-01T10:00:00Z","operationName":"Microsoft.Storage/storageAccounts/listKeys/action",\
            "category":"Administrative","resultType":"Success","resultSignature":"@SIG@","callerIpAddress":"20.1.2.3",\
            "correlationId":"c-1","resourceId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/@SEG@",\
            "identity":{"claims":{"appid":"@CRED@","idtyp":"app"}},"properties":{"statusCode":"OK","eventDataId":"@ID@"}}""",
            List.of(text("SIG", "Succeeded.OK", "Succeeded.%s"), path("SEG"))),
        new Template("github-audit", "tok-%d", """
            {"@timestamp":1772359200000,"_document_id":"@ID@","action":"api.request","actor":"bot","actor_ip":"192.0.2.10",\
            "request_method":"GET","url_path":"/repos/org/@SEG@?@QUERY@","status_code":200,"token_id":"@CRED@",\
            "token_scopes":"@SCOPES@","user_agent":"@UA@","repo":"@REPO@","org":"org"}""",
            List.of(UA, path("SEG"), text("SCOPES", "repo", "repo,%s"), text("REPO", "org/app", "%s"))),
        new Template("gateway-json", "key-%d", """
            {"requestId":"@ID@","ip":"1.128.0.1","caller":"-","user":"-","apiKeyId":"@CRED@",\
            "requestTime":"01/Mar/2026:10:00:00 +0000","httpMethod":"GET","path":"/v1/items/@SEG@?page=1","status":"200",\
            "userAgent":"@UA@"}""",
            List.of(UA, path("SEG"))),
        new Template("ocsf", "arn:aws:iam::123456789012:user/svc-%d", """
            {"class_uid":6003,"category_uid":6,"activity_id":2,"time":1772359200000,"status_id":1,"status":"Success",\
            "status_detail":"@DETAIL@","metadata":{"uid":"@ID@","version":"1.1.0","product":{"name":"CloudTrail"}},\
            "actor":{"user":{"uid":"@CRED@","name":"svc","type":"IAMUser","account":{"uid":"123456789012"}}},\
            "api":{"operation":"GetObject","service":{"name":"s3"},"request":{"uid":"req-1"}},"src_endpoint":{"ip":"203.0.113.5"},\
            "http_request":{"user_agent":"@UA@"},"resources":[{"uid":"@RES@"}],"cloud":{"provider":"AWS","region":"us-east-1"}}""",
            List.of(UA, text("DETAIL", "OK", "detail: %s"), text("RES", "arn:aws:s3:::bucket/key", "%s"))));

    /** Every format the probes cover. */
    public static List<String> formats() {
        return TEMPLATES.stream().map(Template::format).distinct().toList();
    }

    private int next;

    /** A probe record for each (template field, secret) where the secret has a form for that field. */
    public List<Probe> fieldProbes(List<SecretSamples.Secret> secrets) {
        List<Probe> out = new ArrayList<>();
        for (Template t : TEMPLATES) {
            for (Slot probed : t.slots()) {
                for (SecretSamples.Secret s : secrets) {
                    String value = switch (probed.form()) {
                        case TEXT -> s.text();
                        case PATH -> s.pathSegment();
                        case QUERY -> s.query();
                    };
                    if (value == null) {
                        continue;
                    }
                    int n = ++next;
                    String cred = String.format(t.credential(), n);
                    String json = t.json().replace("@CRED@", cred).replace("@ID@", "evt-" + n);
                    for (Slot slot : t.slots()) {
                        String v = slot == probed ? String.format(slot.wrapper(), value) : slot.plain();
                        json = json.replace("@" + slot.name() + "@", jsonEscaped(v));
                    }
                    out.add(new Probe(t.format(), probed.name(), s, cred, json.getBytes(StandardCharsets.UTF_8), true));
                }
            }
        }
        return out;
    }

    /**
     * Records that are rejected, or skipped with a reason, where the reason quotes input carrying the secret: invalid
     * JSON around the secret (every format), and values the adapters name in their reasons.
     */
    public List<Probe> rejectionProbes(List<SecretSamples.Secret> secrets) {
        List<Probe> out = new ArrayList<>();
        for (SecretSamples.Secret s : secrets) {
            for (String format : formats()) {
                out.add(rejected(format, "invalid JSON", s, "{\"note\": " + s.text() + " }"));
                out.add(rejected(format, "invalid JSON with escapes", s, "{\"x\":1, \u001b[31m " + s.text() + " \u0000}"));
            }
            String v = jsonEscaped(s.text());
            out.add(rejected("cloudtrail", "eventTime", s, "{\"eventName\":\"GetObject\",\"eventSource\":\"s3.amazonaws.com\","
                    + "\"eventTime\":\"" + v + "\",\"userIdentity\":{\"type\":\"IAMUser\"}}"));
            out.add(rejected("cloudtrail", "EventBridge detail-type", s, "{\"detail-type\":\"" + v + "\",\"detail\":{}}"));
            out.add(rejected("k8s-audit", "stage", s, "{\"kind\":\"Event\",\"stage\":\"" + v + "\",\"verb\":\"get\"}"));
        }
        return out;
    }

    private static Probe rejected(String format, String what, SecretSamples.Secret s, String text) {
        return new Probe(format, "rejected: " + what, s, null, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static String jsonEscaped(String s) {
        try {
            String q = Json.MAPPER.writeValueAsString(s);
            return q.substring(1, q.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
