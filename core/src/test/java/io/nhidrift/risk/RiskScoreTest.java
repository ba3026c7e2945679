package io.nhidrift.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each factor of the risk formula (README "Risk score") on its own, its cap, and the bounds of the score. */
@UnitTest
class RiskScoreTest {

    private static final long DAY = 86_400_000L;
    private static final long NOW = 1_780_000_000_000L;
    private static final String ID = "AKIARISK000000000001";

    private static Entitlement.Builder ent(String kind, String... grants) {
        return Entitlement.newBuilder().setCredentialId(ID).setKind(kind).setOwner("team-payments")
                .setGrants(List.of(grants)).setDenies(List.of());
    }

    private static CredentialState state() {
        return CredentialState.newBuilder().setCredentialId(ID).setActions(new HashMap<>()).setNetworks(new HashMap<>())
                .setAgents(new HashMap<>()).setDeniedTimes(new ArrayList<>()).setRecentEventHashes(new ArrayList<>())
                .setActiveConditions(new HashMap<>()).setGrantsSince(new HashMap<>()).setSessions(new HashMap<>())
                .setLastSeen(NOW).build();
    }

    private static void use(CredentialState s, String action, String... matched) {
        s.getActions().put(action, ActionUsage.newBuilder().setCount(1).setFirstSeen(NOW).setLastSeen(NOW)
                .setInScope(true).setMatchedGrants(List.of(matched)).build());
    }

    private static int points(RiskAssessment r, String factor) {
        return r.factors().stream().filter(f -> f.name().equals(factor)).mapToInt(RiskFactor::points).sum();
    }

    private static int points(Entitlement e, CredentialState s, String factor) {
        return points(RiskScore.assess(s, e, NOW), factor);
    }

    @Test
    void aNarrowOwnedRoleUsedAsGrantedScoresZero() {
        CredentialState s = state();
        use(s, "s3:GetObject", "s3:GetObject");
        s.getNetworks().put("10.0.0.0/24", NOW);
        RiskAssessment r = RiskScore.assess(s, ent("aws_role", "s3:GetObject").build(), NOW);
        assertEquals(0, r.score());
        assertEquals(List.of(), r.factors());
    }

    @Test
    void anAdminEquivalentGrantTakesTheWholeBreadthCap() {
        for (String admin : List.of("*", "*:*", "iam:*", "IAM:*")) {
            assertEquals(30, points(ent("aws_role", "s3:GetObject", admin).build(), state(), "grant-breadth"), admin);
        }
    }

    @Test
    void sensitiveGrantsCountEightEachInEveryVocabulary() {
        for (String g : List.of("iam:PutRolePolicy", "iam:Create*", "iam:AttachRolePolicy", "secretsmanager:GetSecretValue",
                "kms:Decrypt", "ssm:GetParameter*", "secrets:get", "pods/exec:create", "resourcemanager.projects.setIamPolicy",
                "storage.buckets.setIamPolicy", "secretsmanager:*", "*Decrypt")) {
            assertEquals(8, points(ent("aws_role", g).build(), state(), "grant-breadth"), g);
        }
        assertEquals(16, points(ent("aws_role", "kms:Decrypt", "secrets:list").build(), state(), "grant-breadth"));
    }

    @Test
    void serviceWideWildcardsCountFourAndNarrowGlobsNothing() {
        assertEquals(4, points(ent("aws_role", "s3:*").build(), state(), "grant-breadth"));
        assertEquals(4, points(ent("gcp_service_account", "storage.*").build(), state(), "grant-breadth"));
        assertEquals(4, points(ent("api_key", "GET /v1/*").build(), state(), "grant-breadth"));
        assertEquals(0, points(ent("aws_role", "s3:List*", "s3:GetObject").build(), state(), "grant-breadth"));
    }

    @Test
    void breadthIsCappedAtThirty() {
        Entitlement e = ent("aws_role", "kms:Decrypt", "secrets:get", "iam:PassRole", "ssm:GetParameter", "s3:*").build();
        assertEquals(30, points(e, state(), "grant-breadth"));
    }

    @Test
    void unusedGrantsScaleWithTheirShare() {
        CredentialState s = state();
        Entitlement e = ent("aws_role", "s3:GetObject", "s3:PutObject", "sqs:SendMessage", "sns:Publish").build();
        assertEquals(15, points(e, s, "unused-grants"));
        use(s, "s3:GetObject", "s3:GetObject");
        assertEquals(11, points(e, s, "unused-grants")); // 3 of 4: 11.25
        use(s, "s3:PutObject", "s3:PutObject");
        use(s, "sqs:SendMessage", "sqs:SendMessage");
        use(s, "sns:Publish", "sns:Publish");
        assertEquals(0, points(e, s, "unused-grants"));
    }

    @Test
    void anOutOfScopeUseMarksNoGrantUsed() {
        CredentialState s = state();
        s.getActions().put("s3:DeleteObject", ActionUsage.newBuilder().setCount(1).setFirstSeen(NOW).setLastSeen(NOW)
                .setInScope(false).setMatchedGrants(List.of("s3:GetObject")).build());
        assertEquals(15, points(ent("aws_role", "s3:GetObject").build(), s, "unused-grants"));
    }

    @Test
    void rotationOverdueScoresFifteenAndNearlyDueSix() {
        Entitlement.Builder b = ent("aws_access_key", "s3:GetObject").setRotationDays(90);
        assertEquals(15, points(b.setCreatedAt(NOW - 91 * DAY).build(), state(), "rotation"));
        assertEquals(6, points(b.setCreatedAt(NOW - 70 * DAY).build(), state(), "rotation"));
        assertEquals(0, points(b.setCreatedAt(NOW - 60 * DAY).build(), state(), "rotation"));
    }

    @Test
    void longLivedSecretsWithoutRotationAgeIntoPointsRolesDoNot() {
        Entitlement.Builder key = ent("aws_access_key", "s3:GetObject");
        assertEquals(10, points(key.setCreatedAt(NOW - 400 * DAY).build(), state(), "rotation"));
        assertEquals(5, points(key.setCreatedAt(NOW - 100 * DAY).build(), state(), "rotation"));
        assertEquals(0, points(key.setCreatedAt(NOW - 10 * DAY).build(), state(), "rotation"));
        assertEquals(0, points(ent("aws_role", "s3:GetObject").setCreatedAt(NOW - 400 * DAY).build(), state(), "rotation"));
    }

    @Test
    void idleAfterThirtyDaysDormantAfterNinetyNeverUsedCountsFromKnownSince() {
        Entitlement e = ent("aws_role", "s3:GetObject").build();
        CredentialState s = state();
        s.setLastSeen(NOW - 29 * DAY);
        assertEquals(0, points(e, s, "idle"));
        s.setLastSeen(NOW - 30 * DAY);
        assertEquals(6, points(e, s, "idle"));
        s.setLastSeen(NOW - 90 * DAY);
        assertEquals(10, points(e, s, "idle"));
        s.setLastSeen(null);
        s.setKnownSince(NOW - 45 * DAY);
        RiskAssessment r = RiskScore.assess(s, e, NOW);
        assertEquals(6, points(r, "idle"));
        assertTrue(r.factors().stream().anyMatch(f -> f.detail().startsWith("never used")), r.toString());
    }

    @Test
    void exposureCountsNetworksPublicAddressesAndHumanUseUpToItsCap() {
        Entitlement e = ent("aws_role", "s3:GetObject").build();
        CredentialState s = state();
        s.getNetworks().put("10.1.2.0/24", NOW);
        s.getNetworks().put("192.168.3.0/24", NOW);
        s.getNetworks().put("ec2.amazonaws.com", NOW);
        assertEquals(4, points(e, s, "exposure")); // 3 networks, none public
        s.getNetworks().put("203.0.113.0/24", NOW);
        assertEquals(6 + 4, points(e, s, "exposure"));
        s.getActiveConditions().put("HUMAN_USE|mozilla", NOW);
        assertEquals(15, points(e, s, "exposure")); // 6 + 4 + 5
        s.getNetworks().put("2001:db8:1::/48", NOW);
        assertEquals(15, points(e, s, "exposure"));
    }

    @Test
    void publicAddressesAreRoutableOnesOnly() {
        for (String pub : List.of("203.0.113.0/24", "8.8.8.0/24", "172.32.0.0/24", "2001:db8:1::/48")) {
            assertTrue(PublicNetworks.isPublic(pub), pub);
        }
        for (String priv : List.of("10.0.0.0/24", "172.16.5.0/24", "192.168.0.0/24", "100.64.1.0/24", "127.0.0.0/24",
                "169.254.1.0/24", "fd12:3456:789a::/48", "fe80:0:0::/48", "ec2.amazonaws.com", "1.2.3", "::/48")) {
            assertFalse(PublicNetworks.isPublic(priv), priv);
        }
    }

    @Test
    void kindScoresThirdPartyAndLongLivedSecretsAndUninventoriedMost() {
        assertEquals(8, points(ent("oauth_client", "x").build(), state(), "kind"));
        assertEquals(6, points(ent("aws_access_key", "x").build(), state(), "kind"));
        assertEquals(6, points(ent("github_token", "x").build(), state(), "kind"));
        assertEquals(0, points(ent("k8s_service_account", "x").build(), state(), "kind"));
        assertEquals(10, points(null, state(), "kind"));
    }

    @Test
    void anInventoriedCredentialWithoutOwnerScoresFive() {
        assertEquals(5, points(ent("aws_role", "x").setOwner(null).build(), state(), "ownerless"));
        assertEquals(5, points(ent("aws_role", "x").setOwner(" ").build(), state(), "ownerless"));
        assertEquals(0, points(ent("aws_role", "x").build(), state(), "ownerless"));
    }

    @Test
    void openAlertsCountFiveEachUpToFifteen() {
        CredentialState s = state();
        Entitlement e = ent("aws_role", "x").build();
        s.getActiveConditions().put("NEW_CALLER|agent:curl", NOW);
        assertEquals(5, points(e, s, "open-alerts"));
        s.getActiveConditions().put("OUT_OF_SCOPE_USE|s3:DeleteObject", NOW);
        s.getActiveConditions().put("ROTATION_OVERDUE|1", NOW);
        s.getActiveConditions().put("IDLE_CREDENTIAL", NOW);
        assertEquals(15, points(e, s, "open-alerts"));
    }

    @Test
    void theScoreIsTheSumCappedAtOneHundredWithFactorsLargestFirst() {
        CredentialState s = state();
        s.setLastSeen(NOW - 200 * DAY);
        for (int i = 0; i < 4; i++) {
            s.getNetworks().put("198.51." + i + ".0/24", NOW);
            s.getActiveConditions().put("NEW_CALLER|network:" + i, NOW);
        }
        s.getActiveConditions().put("HUMAN_USE|mozilla", NOW);
        Entitlement e = ent("oauth_client", "*").setOwner(null).setCreatedAt(NOW - 500 * DAY).setRotationDays(30).build();
        RiskAssessment r = RiskScore.assess(s, e, NOW);
        int sum = r.factors().stream().mapToInt(RiskFactor::points).sum();
        assertEquals(30 + 15 + 15 + 10 + 15 + 8 + 5 + 15, sum);
        assertEquals(100, r.score());
        for (int i = 1; i < r.factors().size(); i++) {
            assertTrue(r.factors().get(i - 1).points() >= r.factors().get(i).points(), r.toString());
        }
    }

    @Test
    void noStateAndNoInventoryStillAssesses() {
        RiskAssessment r = RiskScore.assess(null, null, NOW);
        assertEquals(10, r.score());
        assertEquals(List.of(new RiskFactor("kind", 10, "not in the inventory")), r.factors());
    }

    @Test
    void theSameInputGivesTheSameAssessment() {
        CredentialState s = state();
        s.getNetworks().putAll(Map.of("203.0.113.0/24", NOW, "10.0.0.0/24", NOW));
        Entitlement e = ent("aws_access_key", "kms:Decrypt", "s3:*").setCreatedAt(NOW - 120 * DAY).build();
        assertEquals(RiskScore.assess(s, e, NOW), RiskScore.assess(s, e, NOW));
    }
}
