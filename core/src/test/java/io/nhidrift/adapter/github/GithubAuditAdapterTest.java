package io.nhidrift.adapter.github;

import static io.nhidrift.adapter.AdapterTestSupport.only;
import static io.nhidrift.adapter.AdapterTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.AdapterTestSupport;
import io.nhidrift.adapter.AdapterTestSupport.Tally;
import io.nhidrift.avro.UsageEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class GithubAuditAdapterTest {

    private final GithubAuditAdapter adapter = new GithubAuditAdapter();

    static final String API = "{\"@timestamp\":1741611465102,\"_document_id\":\"d1\",\"action\":\"api.request\",\"actor\":\"bot\","
            + "\"actor_ip\":\"192.0.2.10\",\"hashed_token\":\"abc=\",\"request_method\":\"get\",\"route\":\"/repos/{owner}/{repo}\","
            + "\"status_code\":403,\"token_id\":555,\"token_scopes\":\"repo,read:org\",\"user_agent\":\"curl/8.0\"}";

    @Test
    void apiRequestByToken() throws AdapterException {
        UsageEvent e = only(parse(adapter, API));
        assertEquals("555", e.getCredentialId());
        assertEquals("github_token", e.getCredentialKind());
        assertEquals("GET /repos/{owner}/{repo}", e.getAction());
        assertEquals("repo,read:org", e.getAttributes().get("token_scopes"));
        assertEquals("192.0.2.10", e.getSourceIp());
        assertEquals(1741611465102L, e.getEventTime());
        assertTrue(e.getDenied());
        assertEquals("abc=", only(parse(adapter, API.replace("\"token_id\":555,", ""))).getCredentialId());
        UsageEvent human = only(parse(adapter, "{\"action\":\"repo.create\",\"actor\":\"alice\",\"created_at\":\"2024-01-01T00:00:00Z\"}"));
        assertEquals("alice", human.getCredentialId());
        assertEquals("other", human.getCredentialKind());
        assertEquals("repo.create", human.getAction());
    }

    @Test
    void hostileInputIsRejectedWithReason() {
        AdapterTestSupport.assertRejectsHostileInput(adapter, API);
    }

    @Test
    void everyRealSampleRecordIsAccountedFor() throws Exception {
        Path dir = AdapterTestSupport.samples().resolve("github_okta");
        Tally elastic = AdapterTestSupport.run(adapter, "elastic-integrations_github_audit_api_request.ndjson",
                AdapterTestSupport.ndjson(dir.resolve("elastic-integrations_github_audit_api_request.ndjson")));
        Tally panther = AdapterTestSupport.run(adapter, "panther-analysis_github_audit_rule_tests.ndjson",
                AdapterTestSupport.panther(dir.resolve("panther-analysis_github_audit_rule_tests.ndjson")));
        assertEquals(2, elastic.normalized);
        UsageEvent api = elastic.all.get(0);
        assertEquals("555555", api.getCredentialId());
        assertEquals("GET /repos/{owner}/{repo}/pulls", api.getAction());
        assertEquals("repo,read:org", api.getAttributes().get("token_scopes"));
        assertEquals("curl/7.79.1", api.getUserAgent());
        UsageEvent create = elastic.all.get(1);
        assertEquals("user_actor", create.getCredentialId());
        assertEquals("repo.create", create.getAction());
        assertEquals(107, panther.records);
        assertEquals(71, panther.normalized);
        assertEquals(2, panther.skipped); // no token and no actor
        assertEquals(34, panther.failed); // 30 fixtures without any time field, 4 with "2024-12-17 00:00:00000000"
        assertEquals(34, panther.reasons.get("fail: no readable @timestamp or created_at"));
        assertEquals(2, panther.all.stream().filter(e -> "github_token".equals(e.getCredentialKind())).count());
        assertTrue(panther.all.stream().anyMatch(e -> e.getAction().equals("repo.create")));
        assertTrue(panther.all.stream().anyMatch(e -> e.getEventTime() == 1621305118553L), "epoch ms created_at");
    }
}
