package io.nhidrift.review;

import static io.nhidrift.review.ReviewFixtures.NOW;
import static io.nhidrift.review.ReviewFixtures.entitlement;
import static io.nhidrift.review.ReviewFixtures.used;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class GrantUsageTest {

    @Test
    void eachPatternListsTheActionsUsedUnderItAndUnusedPatternsStandOut() {
        Entitlement e = entitlement("k", "aws_access_key", "s3:GetObject", "s3:List*", "ec2:*");
        e.setDenies(List.of("s3:ListAllMyBuckets"));
        GrantUsage u = GrantUsage.of(used("k", NOW, Map.of("s3:GetObject", 5L, "s3:ListBucket", 2L,
                "s3:ListAllMyBuckets", 1L, "iam:CreateUser", 3L)), e);
        assertEquals(List.of("s3:GetObject", "s3:List*", "ec2:*"), u.grants().stream().map(PatternUse::pattern).toList());
        PatternUse list = u.grants().get(1);
        assertEquals(List.of("s3:ListBucket"), list.actions().stream().map(ActionUse::action).toList(), "denied action not under a grant");
        assertEquals(2, list.count());
        assertEquals(NOW, list.lastUsed());
        assertTrue(u.grants().get(2).neverUsed());
        assertNull(u.grants().get(2).lastUsed());
        assertEquals(List.of("iam:CreateUser", "s3:ListAllMyBuckets"), u.usedOutsideGrants().stream().map(ActionUse::action).toList());
        assertEquals(List.of("s3:GetObject", "s3:ListBucket"), u.inScopeActions());
        assertEquals(3, u.grantCount());
        assertEquals(2, u.usedGrantCount());
        assertEquals(1 / 3.0, u.unusedShare(), 1e-9);
    }

    @Test
    void scopeFollowsTheCurrentEntitlementAndCaseRulesOfTheMatcher() {
        GrantUsage u = GrantUsage.of(used("k", NOW, Map.of("S3:getobject", 1L)), entitlement("k", "aws_access_key", "s3:GetObject"));
        assertEquals(1, u.usedGrantCount(), "AWS actions match case-insensitively");
        GrantUsage unknown = GrantUsage.of(used("k", NOW, Map.of("s3:GetObject", 1L)), null);
        assertEquals(0, unknown.grantCount());
        assertNull(unknown.unusedShare());
        assertEquals(1, unknown.usedOutsideGrants().size());
    }
}
