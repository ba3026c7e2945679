package io.nhidrift.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONTRACT section 3: an action is in scope when it matches a grant and no deny. */
@UnitTest
class CompiledEntitlementTest {

    private static final CompiledEntitlement AWS = new CompiledEntitlement(
            List.of("s3:GetObject", "s3:List*", "iam:*", "S3:GETOBJECT"), List.of("iam:Delete*", "iam:CreateAccessKey"));

    @Test
    void anActionMatchingAGrantIsInScope() {
        assertTrue(AWS.inScope("s3:GetObject"));
        assertTrue(AWS.inScope("s3:ListBucket"));
        assertTrue(AWS.inScope("iam:ListUsers"));
        assertFalse(AWS.inScope("s3:PutObject"));
        assertFalse(AWS.inScope("sqs:SendMessage"));
    }

    @Test
    void denyWinsOverAnyGrantLiteralOrWildcard() {
        assertFalse(AWS.inScope("iam:DeleteUser"));
        assertFalse(AWS.inScope("IAM:createaccesskey"));
        assertTrue(AWS.denied("iam:DeleteRole"));
        assertFalse(AWS.denied("iam:ListUsers"));
        assertFalse(new CompiledEntitlement(List.of("s3:GetObject"), List.of("*")).inScope("s3:GetObject"));
    }

    @Test
    void awsActionsCompareCaseInsensitively() {
        assertTrue(AWS.inScope("S3:getobject"));
        assertTrue(AWS.inScope("s3:listbucket"));
    }

    @Test
    void httpActionsCompareTheirMethodCaseInsensitivelyAndTheirPathExactly() {
        CompiledEntitlement api = new CompiledEntitlement(List.of("GET /v1/orders/*", "post /v1/orders"), List.of("* /v1/orders/admin*"));
        assertTrue(api.inScope("get /v1/orders/42"));
        assertTrue(api.inScope("POST /v1/orders"));
        assertFalse(api.inScope("GET /v1/Orders/42"));
        assertFalse(api.inScope("GET /v1/orders/admin/users"));
        assertFalse(api.inScope("DELETE /v1/orders/42"));
    }

    @Test
    void matchingGrantsAreThePatternsAsWrittenInInventoryOrder() {
        assertEquals(List.of("s3:GetObject", "S3:GETOBJECT"), AWS.matchingGrants("s3:getObject"));
        assertEquals(List.of("iam:*"), AWS.matchingGrants("iam:DeleteUser")); // matching a grant, whatever the denies
        assertEquals(List.of(), AWS.matchingGrants("sqs:SendMessage"));
    }

    @Test
    void theFingerprintIsStableAndTellsPatternSetsApart() {
        long same = new CompiledEntitlement(List.of("s3:GetObject", "s3:List*", "iam:*", "S3:GETOBJECT"),
                List.of("iam:Delete*", "iam:CreateAccessKey")).fingerprint();
        assertEquals(AWS.fingerprint(), same);
        assertNotEquals(AWS.fingerprint(), new CompiledEntitlement(List.of("s3:GetObject"), List.of()).fingerprint());
        assertNotEquals(new CompiledEntitlement(List.of("a"), List.of("b")).fingerprint(),
                new CompiledEntitlement(List.of("a", "b"), List.of()).fingerprint());
        assertNotEquals(0L, new CompiledEntitlement(List.of(), List.of()).fingerprint());
    }
}
