package io.nhidrift.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import org.junit.jupiter.api.Test;

/** CONTRACT section 3 pattern matching. */
@UnitTest
class GlobTest {

    private static boolean matches(String pattern, String action) {
        return new Glob(pattern).matches(action);
    }

    @Test
    void starMatchesAnyRunIncludingSlashAndColonAndTheEmptyRun() {
        assertTrue(matches("*", "s3:GetObject"));
        assertTrue(matches("s3:*", "s3:GetObject"));
        assertTrue(matches("s3:*", "s3:"));
        assertTrue(matches("*:Get*", "s3:GetObject"));
        assertTrue(matches("GET /v1/*", "GET /v1/orders/42/items"));
        assertTrue(matches("pods*", "pods/exec:create"));
        assertTrue(matches("a*b*c", "axxbyybzzc"));
        assertFalse(matches("s3:*", "sqs:SendMessage"));
        assertFalse(matches("a*b*c", "axxbyyb"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertTrue(matches("s3:?etObject", "s3:GetObject"));
        assertTrue(matches("GET /v1/orders/?", "GET /v1/orders/7"));
        assertFalse(matches("GET /v1/orders/?", "GET /v1/orders/42"));
        assertFalse(matches("s3:Get?", "s3:Get"));
    }

    @Test
    void awsStyleActionsMatchCaseInsensitively() {
        assertTrue(matches("S3:GETOBJECT", "s3:GetObject"));
        assertTrue(matches("iam:list*", "IAM:ListUsers"));
        assertTrue(matches("storage.objects.*", "Storage.Objects.Get"));
    }

    @Test
    void httpMethodsMatchCaseInsensitivelyAndPathsDoNot() {
        assertTrue(matches("get /v1/orders/*", "GET /v1/orders/42"));
        assertTrue(matches("* /v1/orders", "delete /v1/orders"));
        assertFalse(matches("GET /v1/Orders/*", "GET /v1/orders/42"));
        assertEquals("GET /v1/Orders", Glob.normalize("get /v1/Orders"));
        assertEquals("s3:getobject", Glob.normalize("S3:GetObject"));
    }

    @Test
    void aPatternWithoutWildcardsIsALiteral() {
        assertTrue(new Glob("s3:GetObject").isLiteral());
        assertFalse(new Glob("s3:Get*").isLiteral());
        assertFalse(new Glob("s3:Get?bject").isLiteral());
        assertFalse(matches("s3:GetObject", "s3:GetObjectAcl"));
        assertEquals("s3:Get*", new Glob("s3:Get*").text());
    }
}
