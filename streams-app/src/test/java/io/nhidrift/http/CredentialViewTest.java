package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class CredentialViewTest {

    private static final long T0 = Instant.parse("2026-07-02T10:00:00Z").toEpochMilli();

    @Test
    void renders_entitlement_beside_use_with_iso_times_and_sorted_actions() {
        Entitlement e = Entitlement.newBuilder().setCredentialId("AKIA1").setKind("aws_access_key").setOwner("team-payments")
                .setGrants(List.of("s3:GetObject", "s3:List*")).setDenies(List.of())
                .setAsOf(Instant.parse("2026-07-01T00:00:00Z").toEpochMilli()).setRotationDays(90).build();
        CredentialState s = CredentialState.newBuilder().setCredentialId("AKIA1").setFirstSeen(T0).setLastSeen(T0 + 300_000)
                .setUseCount(2)
                .setActions(Map.of(
                        "s3:GetObject", usage(T0, true),
                        "iam:CreateUser", usage(T0 + 300_000, false)))
                .setNetworks(Map.of("network:198.51.100.0/24", T0)).setAgents(Map.of("agent:aws-cli", T0))
                .setActiveConditions(Map.of("OUT_OF_SCOPE_USE|iam:CreateUser", T0 + 300_000))
                .build();
        JsonNode v = CredentialView.render(new CredentialStateReader.Snapshot("AKIA1", s, e));

        assertEquals(true, v.path("known").asBoolean());
        assertEquals("team-payments", v.path("inventory").path("owner").asText());
        assertEquals("2026-07-01T00:00:00Z", v.path("inventory").path("asOf").asText());
        assertTrue(v.path("inventory").path("revokedAt").isNull());
        assertEquals(90, v.path("inventory").path("rotationDays").asInt());
        assertEquals("2026-07-02T10:05:00Z", v.path("lastSeen").asText());
        assertEquals("iam:CreateUser", v.path("actionsUsed").get(0).path("action").asText());
        assertEquals("s3:GetObject", v.path("actionsUsed").get(1).path("action").asText());
        assertEquals(1, v.path("outOfScopeActions").size());
        assertEquals("iam:CreateUser", v.path("outOfScopeActions").get(0).asText());
        assertEquals("2026-07-02T10:00:00Z", v.path("callers").path("networks").path("network:198.51.100.0/24").asText());
        assertEquals("2026-07-02T10:00:00Z", v.path("callers").path("agents").path("agent:aws-cli").asText());
        JsonNode condition = v.path("activeConditions").get(0);
        assertEquals("OUT_OF_SCOPE_USE", condition.path("type").asText());
        assertEquals("iam:CreateUser", condition.path("subject").asText());
        assertTrue(condition.path("at").isNull());
        assertEquals("2026-07-02T10:05:00Z", condition.path("since").asText());
        assertTrue(v.path("idleDue").isNull());
    }

    @Test
    void carries_team_contact_and_the_risk_score_with_its_factors() {
        Entitlement e = Entitlement.newBuilder().setCredentialId("AKIA1").setKind("aws_access_key").setOwner("alice")
                .setTeam("payments").setContact("#payments-oncall")
                .setGrants(List.of("s3:GetObject", "kms:Decrypt")).setDenies(List.of()).build();
        CredentialState s = CredentialState.newBuilder().setCredentialId("AKIA1").setFirstSeen(T0).setLastSeen(T0)
                .setUseCount(1).setActions(Map.of("s3:GetObject", usage(T0, true))).build();
        JsonNode v = CredentialView.render(new CredentialStateReader.Snapshot("AKIA1", s, e), T0 + 86_400_000L);

        assertEquals("payments", v.path("team").asText());
        assertEquals("#payments-oncall", v.path("inventory").path("contact").asText());
        // kms:Decrypt sensitive 8, both grants unused (the use above matched none) 15, access key 6
        assertEquals(29, v.path("risk").path("score").asInt());
        JsonNode top = v.path("risk").path("factors").get(0);
        assertEquals("unused-grants", top.path("name").asText());
        assertEquals(15, top.path("points").asInt());
        assertTrue(top.path("detail").asText().contains("of 2"), top.toString());
    }

    @Test
    void an_unknown_credential_is_scored_as_not_inventoried() {
        JsonNode v = CredentialView.render(new CredentialStateReader.Snapshot("AKIA3", null, null), T0);
        assertEquals(10, v.path("risk").path("score").asInt());
        assertEquals("kind", v.path("risk").path("factors").get(0).path("name").asText());
        assertTrue(v.path("team").isNull());
    }

    @Test
    void unknown_credential_has_no_inventory_and_null_scope() {
        CredentialState s = CredentialState.newBuilder().setCredentialId("AKIA2").setFirstSeen(T0).setLastSeen(T0)
                .setUseCount(1).setActions(Map.of("s3:GetObject", usage(T0, null))).build();
        JsonNode v = CredentialView.render(new CredentialStateReader.Snapshot("AKIA2", s, null));
        assertEquals(false, v.path("known").asBoolean(true));
        assertTrue(v.path("inventory").isNull());
        assertTrue(v.path("actionsUsed").get(0).path("inScope").isNull());
        assertEquals(0, v.path("outOfScopeActions").size());
    }

    @Test
    void inventoried_but_never_used_renders_empty_use() {
        Entitlement e = Entitlement.newBuilder().setCredentialId("sa@p.iam.gserviceaccount.com").setKind("gcp_service_account")
                .setGrants(List.of("storage.objects.get")).build();
        JsonNode v = CredentialView.render(new CredentialStateReader.Snapshot(e.getCredentialId(), null, e));
        assertEquals(true, v.path("known").asBoolean());
        assertTrue(v.path("firstSeen").isNull());
        assertEquals(0, v.path("useCount").asLong());
        assertEquals(0, v.path("actionsUsed").size());
        assertTrue(v.path("callers").path("networks").isObject());
    }

    private static ActionUsage usage(long t, Boolean inScope) {
        return ActionUsage.newBuilder().setCount(1).setFirstSeen(t).setLastSeen(t).setInScope(inScope).build();
    }
}
