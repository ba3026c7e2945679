package io.nhidrift.adapter.azure;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.AdapterTestSupport.Tally;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class AzureSignInAdapterTest {

    private final AzureSignInAdapter adapter = new AzureSignInAdapter();

    static final String GRAPH = """
            {"id":"g-1","createdDateTime":"2024-06-01T08:00:00Z","appId":"app-1","appDisplayName":"deployer",
             "servicePrincipalId":"sp-1","servicePrincipalName":"deployer","ipAddress":"198.51.100.4",
             "resourceDisplayName":"Microsoft Graph","resourceId":"00000003-0000-0000-c000-000000000000",
             "servicePrincipalCredentialKeyId":"key-1","signInEventTypes":["servicePrincipal"],
             "status":{"errorCode":7000215,"failureReason":"Invalid client secret provided."}}
            """;

    @Test
    void graphShapeServicePrincipal() throws AdapterException {
        UsageEvent e = only(parse(adapter, GRAPH));
        assertEquals("sp-1", e.getCredentialId());
        assertEquals("azure_service_principal", e.getCredentialKind());
        assertEquals("signin:Microsoft Graph", e.getAction());
        assertEquals("198.51.100.4", e.getSourceIp());
        assertEquals("key-1", e.getAttributes().get("servicePrincipalCredentialKeyId"));
        assertTrue(e.getDenied());
        assertEquals("7000215", e.getErrorCode());
        assertEquals("g-1", e.getEventId());
        assertEquals(Instant.parse("2024-06-01T08:00:00Z").toEpochMilli(), e.getEventTime());

        UsageEvent ok = only(parse(adapter, GRAPH.replace("7000215", "0").replace("\"servicePrincipalId\":\"sp-1\",", "")));
        assertFalse(ok.getDenied());
        assertEquals("app-1", ok.getCredentialId(), "appId when servicePrincipalId is absent");

        ParseResult page = parse(adapter, "{\"value\":[" + GRAPH + "," + GRAPH.replace("g-1", "g-2") + "]}");
        assertEquals(2, page.events().size());
    }

    @Test
    void monitorExportUserSignInsAndOtherCategories() throws AdapterException {
        String user = """
                {"time":"2025-01-15 09:30:45.123","category":"SignInLogs","callerIpAddress":"2.2.2.2","resultType":"50126",
                 "properties":{"userPrincipalName":"svc-backup@contoso.com","userId":"u-1","resourceDisplayName":"Azure Key Vault",
                   "userAgent":"Mozilla/5.0","status":{"errorCode":50126}}}""";
        UsageEvent e = only(parse(adapter, user));
        assertEquals("svc-backup@contoso.com", e.getCredentialId());
        assertEquals("other", e.getCredentialKind());
        assertEquals("signin:Azure Key Vault", e.getAction());
        assertEquals("2.2.2.2", e.getSourceIp());
        assertTrue(e.getDenied());
        assertEquals(Instant.parse("2025-01-15T09:30:45.123Z").toEpochMilli(), e.getEventTime());

        ParseResult audit = parse(adapter, "{\"time\":\"2025-01-15T00:00:00Z\",\"category\":\"AuditLogs\",\"properties\":{}}");
        assertEquals(List.of("category AuditLogs is not a sign-in log"), audit.skipped());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, GRAPH);
    }

    @Test
    void everyRealSampleRecordIsAccountedFor() throws Exception {
        Path dir = AdapterTestSupport.samples().resolve("azure");
        Tally elastic = AdapterTestSupport.run(adapter, "elastic-integrations_entra_service_principal_signinlogs.ndjson",
                AdapterTestSupport.ndjson(dir.resolve("elastic-integrations_entra_service_principal_signinlogs.ndjson")));
        Tally panther = AdapterTestSupport.run(adapter, "panther-analysis_azure_entra_signin_audit_rule_tests.ndjson",
                AdapterTestSupport.panther(dir.resolve("panther-analysis_azure_entra_signin_audit_rule_tests.ndjson")));
        assertEquals(3, elastic.records);
        assertEquals(3, elastic.normalized);
        UsageEvent tf = elastic.all.get(0);
        assertEquals("b029d485-a308-4311-8720-fb3192e5284e", tf.getCredentialId());
        assertEquals("Terraform-Datadog-CLI", tf.getPrincipal());
        assertEquals("signin:Windows Azure Service Management API", tf.getAction());
        assertEquals("dbcd79c0-c3ea-46b9-9604-ff40d43b8618", tf.getAttributes().get("servicePrincipalCredentialKeyId"));
        assertEquals("1.128.3.4", tf.getSourceIp());
        assertFalse(tf.getDenied());
        assertEquals(48, panther.records);
        assertEquals(27, panther.normalized); // SignInLogs 15 + ServicePrincipalSignInLogs 9 + NonInteractive 3
        assertEquals(21, panther.skipped); // AuditLogs 15, Policy 2, DirectoryManagement 2, ApplicationManagement 2
        assertEquals(0, panther.failed);
        assertEquals(15, panther.reasons.get("skip: category AuditLogs is not a sign-in log"));
        assertEquals(11, panther.all.stream().filter(UsageEvent::getDenied).count());
        List<UsageEvent> sps = panther.all.stream()
                .filter(e -> "azure_service_principal".equals(e.getCredentialKind())).toList();
        assertEquals(9, sps.size());
        assertEquals(7, sps.stream().filter(e -> e.getCredentialId().equals("b1c34143-e405-4058-8e29-84596ad737b8")
                && e.getAction().equals("signin:Azure Storage") && e.getDenied()
                && "7000215".equals(e.getErrorCode())).count());
        assertTrue(sps.stream().allMatch(e -> e.getSourceIp() != null));
    }
}
