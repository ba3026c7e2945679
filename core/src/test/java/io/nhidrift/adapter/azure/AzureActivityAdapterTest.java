package io.nhidrift.adapter.azure;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.AdapterTestSupport.Tally;
import io.nhidrift.avro.UsageEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class AzureActivityAdapterTest {

    private final AzureActivityAdapter adapter = new AzureActivityAdapter();

    static final String SP = """
            {"time":"2024-12-17T10:30:00.0000000Z","operationName":"Microsoft.Compute/virtualMachines/write",
             "category":"Administrative","resultType":"Failed","resultSignature":"Failed.Forbidden",
             "callerIpAddress":"20.1.2.3","correlationId":"c-1","resourceId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
             "identity":{"claims":{"appid":"app-42","idtyp":"app","http://schemas.microsoft.com/identity/claims/objectidentifier":"oid-9"}},
             "properties":{"statusCode":"Forbidden","eventDataId":"ed-1"}}
            """;

    @Test
    void servicePrincipalByAppIdAndForbiddenIsDenied() throws AdapterException {
        UsageEvent e = only(parse(adapter, SP));
        assertEquals("app-42", e.getCredentialId());
        assertEquals("azure_service_principal", e.getCredentialKind());
        assertEquals("Microsoft.Compute/virtualMachines/write", e.getAction());
        assertEquals("20.1.2.3", e.getSourceIp());
        assertTrue(e.getDenied());
        assertEquals("Forbidden", e.getErrorCode());
        assertEquals("ed-1", e.getEventId());
        assertEquals(Instant.parse("2024-12-17T10:30:00Z").toEpochMilli(), e.getEventTime());
        UsageEvent ok = only(parse(adapter, SP.replace("\"Failed\"", "\"Success\"")));
        assertFalse(ok.getDenied());
        UsageEvent conflict = only(parse(adapter, SP.replace("Failed.Forbidden", "Failed.Conflict").replace("\"Forbidden\"", "\"Conflict\"")));
        assertFalse(conflict.getDenied(), "a failure that is not an authorization refusal");
    }

    @Test
    void restShapeUserTokenAndBeginMarker() throws AdapterException {
        String rest = """
                {"eventTimestamp":"2024-01-02T03:04:05Z","caller":"ops@contoso.com",
                 "claims":{"appid":"c44b4083-3bb0-49c1-b47d-974e53cbdf3c","http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn":"ops@contoso.com"},
                 "operationName":{"value":"Microsoft.Storage/storageAccounts/listKeys/action","localizedValue":"List keys"},
                 "status":{"value":"Succeeded"},"httpRequest":{"clientIpAddress":"198.51.100.8"},"eventDataId":"e-2"}""";
        UsageEvent e = only(parse(adapter, rest));
        assertEquals("ops@contoso.com", e.getCredentialId(), "a user token's appid is the client app, not the credential");
        assertEquals("other", e.getCredentialKind());
        assertEquals("Microsoft.Storage/storageAccounts/listKeys/action", e.getAction());
        assertEquals("198.51.100.8", e.getSourceIp());
        assertEquals(List.of("resultType Started (begin marker) not counted"),
                parse(adapter, rest.replace("Succeeded", "Started")).skipped());
        assertEquals(2, parse(adapter, "{\"records\":[" + SP + "," + rest + "]}").events().size());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, SP);
    }

    @Test
    void everyRealSampleRecordIsAccountedFor() throws Exception {
        Tally t = AdapterTestSupport.run(adapter, "panther-analysis_azure_monitor_activity_rule_tests.ndjson",
                AdapterTestSupport.panther(AdapterTestSupport.samples().resolve("azure/panther-analysis_azure_monitor_activity_rule_tests.ndjson")));
        assertEquals(249, t.records);
        // The fixtures mostly omit the caller and identity (Panther rules key on operationName): counted skips.
        assertEquals(10, t.normalized);
        assertEquals(239, t.skipped);
        assertEquals(0, t.failed);
        assertEquals(239, t.reasons.get("skip: no caller (no appid/upn claim, caller or oid)"));
        List<UsageEvent> sps = t.all.stream().filter(e -> "azure_service_principal".equals(e.getCredentialKind())).toList();
        assertEquals(6, sps.size()); // Key Vault reads by two app ids
        assertTrue(sps.stream().anyMatch(e -> e.getCredentialId().equals("12345678-1234-1234-1234-123456789abc")
                && e.getAction().equals("Microsoft.KeyVault/vaults/secrets/getSecret/action") && "1.1.1.1".equals(e.getSourceIp())));
        assertTrue(t.all.stream().anyMatch(e -> e.getCredentialId().equals("attacker@example.com")
                && e.getAction().equals("Microsoft.Authorization/elevateAccess/action")), "operationName.value");
        assertEquals(0, t.all.stream().filter(UsageEvent::getDenied).count());
    }
}
