package io.nhidrift.adapter.gcp;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.AdapterTestSupport.Tally;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class GcpAuditAdapterTest {

    private final GcpAuditAdapter adapter = new GcpAuditAdapter();

    static final String TWO_PERMS = """
            {"insertId":"abc123","logName":"projects/p1/logs/cloudaudit.googleapis.com%2Fdata_access",
             "timestamp":"2024-05-01T10:00:00.123Z",
             "resource":{"type":"gcs_bucket","labels":{"project_id":"p1","bucket_name":"b"}},
             "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog",
               "serviceName":"storage.googleapis.com","methodName":"storage.objects.get",
               "resourceName":"projects/_/buckets/b/objects/o",
               "authenticationInfo":{"principalEmail":"exporter@p1.iam.gserviceaccount.com",
                  "serviceAccountKeyName":"//iam.googleapis.com/projects/p1/serviceAccounts/exporter@p1.iam.gserviceaccount.com/keys/k1",
                  "serviceAccountDelegationInfo":[{"firstPartyPrincipal":{"principalEmail":"a@b.c"}}]},
               "authorizationInfo":[
                  {"permission":"storage.objects.get","granted":true,"resource":"projects/_/buckets/b/objects/o"},
                  {"permission":"storage.objects.getIamPolicy","granted":false}],
               "requestMetadata":{"callerIp":"203.0.113.7","callerSuppliedUserAgent":"gcloud/450.0 Bearer ya29.secretsecretsecret"}}}
            """;

    @Test
    void onePermissionOneEventWithGrantedFalseDenied() throws AdapterException {
        ParseResult r = parse(adapter, TWO_PERMS);
        assertEquals(2, r.events().size());
        UsageEvent get = r.events().get(0);
        UsageEvent iam = r.events().get(1);
        assertEquals("exporter@p1.iam.gserviceaccount.com", get.getCredentialId());
        assertEquals("gcp_service_account", get.getCredentialKind());
        assertEquals("storage.objects.get", get.getAction());
        assertEquals("storage.objects.getIamPolicy", iam.getAction());
        assertFalse(get.getDenied());
        assertTrue(iam.getDenied());
        assertEquals("abc123#0", get.getEventId());
        assertEquals("abc123#1", iam.getEventId());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z").toEpochMilli(), get.getEventTime());
        assertEquals("203.0.113.7", get.getSourceIp());
        assertFalse(get.getUserAgent().contains("ya29.secret"), get.getUserAgent());
        assertEquals("p1", get.getAttributes().get("projectId"));
        assertEquals("storage.objects.get", get.getAttributes().get("methodName"));
        assertEquals("storage.googleapis.com", get.getAttributes().get("serviceName"));
        assertTrue(get.getAttributes().get("serviceAccountKeyName").endsWith("/keys/k1"));
        assertEquals("[{\"firstPartyPrincipal\":{\"principalEmail\":\"a@b.c\"}}]",
                get.getAttributes().get("serviceAccountDelegationInfo"));
        assertEquals("projects/_/buckets/b/objects/o", get.getResource());
    }

    @Test
    void statusSevenDeniesEveryPermissionAndSingleEventKeepsInsertId() throws AdapterException {
        String denied = TWO_PERMS.replace("\"requestMetadata\"", "\"status\":{\"code\":7,\"message\":\"PERMISSION_DENIED\"},\"requestMetadata\"");
        ParseResult r = parse(adapter, denied);
        assertTrue(r.events().stream().allMatch(UsageEvent::getDenied));
        assertEquals("7", r.events().get(0).getErrorCode());

        String one = """
                {"insertId":"x1","timestamp":"2024-05-01T10:00:00Z","protoPayload":{"methodName":"google.iam.admin.v1.CreateServiceAccountKey",
                 "authenticationInfo":{"principalEmail":"alice@example.com"},"requestMetadata":{"callerIP":"198.51.100.1"}}}""";
        UsageEvent e = only(parse(adapter, one));
        assertEquals("google.iam.admin.v1.CreateServiceAccountKey", e.getAction());
        assertEquals("x1", e.getEventId());
        assertEquals("other", e.getCredentialKind());
        assertEquals("198.51.100.1", e.getSourceIp(), "Panther's callerIP spelling is accepted");
    }

    @Test
    void principalSubjectWithoutEmailAndNoPrincipalSkipped() throws AdapterException {
        String subj = """
                {"timestamp":"2024-05-01T10:00:00Z","protoPayload":{"methodName":"GenerateAccessToken",
                 "authenticationInfo":{"principalSubject":"principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s"}}}""";
        UsageEvent e = only(parse(adapter, subj));
        assertTrue(e.getCredentialId().startsWith("principal://"));
        assertEquals("other", e.getCredentialKind());
        assertTrue(e.getEventId().startsWith("sha256:"), "content hash without insertId");

        ParseResult skip = parse(adapter, "{\"timestamp\":\"2024-05-01T10:00:00Z\",\"protoPayload\":{\"methodName\":\"m\",\"authenticationInfo\":{}}}");
        assertEquals(List.of("no principalEmail or principalSubject"), skip.skipped());
        assertTrue(skip.events().isEmpty());
        AdapterException ex = assertThrows(AdapterException.class, () -> parse(adapter,
                "{\"protoPayload\":{\"methodName\":\"m\",\"authenticationInfo\":{\"principalEmail\":\"a@b.c\"}}}"));
        assertEquals("no timestamp", ex.getMessage());
    }

    @Test
    void pubSubPushBodyIsUnwrapped() throws AdapterException {
        String b64 = Base64.getEncoder().encodeToString(TWO_PERMS.getBytes(StandardCharsets.UTF_8));
        ParseResult r = parse(adapter, "{\"message\":{\"data\":\"" + b64 + "\",\"messageId\":\"1\"},\"subscription\":\"s\"}");
        assertEquals(2, r.events().size());
        assertEquals("abc123#1", r.events().get(1).getEventId());
        AdapterException ex = assertThrows(AdapterException.class,
                () -> parse(adapter, "{\"message\":{\"data\":\"%%%not base64\"}}"));
        assertTrue(ex.getMessage().contains("base64"), ex.getMessage());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, TWO_PERMS);
    }

    @Test
    void everyRealSampleRecordIsAccountedFor() throws Exception {
        Path dir = AdapterTestSupport.samples().resolve("gcp_audit");
        Tally panther = AdapterTestSupport.run(adapter, "panther-analysis_gcp_auditlog_rule_tests.ndjson",
                AdapterTestSupport.panther(dir.resolve("panther-analysis_gcp_auditlog_rule_tests.ndjson")));
        Tally elastic = AdapterTestSupport.run(adapter, "elastic-integrations_gcp_iamcredentials_generateaccesstoken.ndjson",
                AdapterTestSupport.ndjson(dir.resolve("elastic-integrations_gcp_iamcredentials_generateaccesstoken.ndjson")));
        assertEquals(206, panther.records);
        assertEquals(132, panther.normalized);
        assertEquals(33, panther.skipped); // 25 without principal, 8 fragments without protoPayload
        assertEquals(41, panther.failed); // fixtures without timestamp/receiveTimestamp/requestAttributes.time
        assertEquals(152, panther.events); // one per permission
        assertEquals(41, panther.reasons.get("fail: no timestamp"));
        assertEquals(25, panther.reasons.get("skip: no principalEmail or principalSubject"));
        // facts checked independently against the file
        assertEquals(17, panther.all.stream().filter(e -> "gcp_service_account".equals(e.getCredentialKind())).count());
        assertEquals(15, panther.all.stream().filter(e -> e.getAttributes().containsKey("serviceAccountKeyName")).count());
        assertEquals(12, panther.all.stream().filter(UsageEvent::getDenied).count());
        assertTrue(panther.all.stream().anyMatch(e -> "1.2.3.4".equals(e.getSourceIp())), "callerIP fixtures keep the IP");
        assertEquals(1, elastic.normalized);
        UsageEvent wif = elastic.all.get(0);
        assertTrue(wif.getCredentialId().startsWith("principal://iam.googleapis.com/projects/project-id/"));
        assertEquals("iam.serviceAccounts.getAccessToken", wif.getAction());
        assertEquals("175.16.199.45", wif.getSourceIp());
        assertEquals("15djrryd6bap", wif.getEventId());
        assertEquals(Instant.parse("2024-11-19T00:49:55.293Z").toEpochMilli(), wif.getEventTime());
        assertNull(wif.getErrorCode());
    }
}
