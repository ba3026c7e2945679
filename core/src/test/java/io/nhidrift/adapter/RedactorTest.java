package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.SecretSamples;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@UnitTest
class RedactorTest {

    private static final List<String> SECRETS = List.of(
            "Authorization: Bearer abcdefghijklmnop1234",
            "token ABCDEFGH12345678",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig",
            "ghp_" + "a".repeat(36),
            "github_pat_" + "B".repeat(40),
            "AIza" + "C".repeat(35),
            "xoxb-1234567890-abcdef",
            "sk-" + "d".repeat(32),
            "password=hunter2",
            "client_secret: s3cr3t",
            "https://api.example.com/v1?api_key=K123&x=1");

    @Test
    void replacesEverySecretShape() {
        for (String s : SECRETS) {
            String r = Redactor.redactText("before " + s + " after");
            assertTrue(r.contains(Redactor.REDACTED), s + " -> " + r);
            assertTrue(Redactor.mayHoldSecret(s), s);
        }
    }

    @Test
    void everyGeneratedSecretGoesWhateverItsSurroundings() {
        for (long seed = 1; seed <= 20; seed++) {
            for (SecretSamples.Secret s : new SecretSamples(seed).all()) {
                for (String text : new String[] {s.text(), "x " + s.text() + " y", "(" + s.text() + ")", "\"" + s.text() + "\",",
                    "/v1/" + s.pathSegment() + "/z", "/v1/z?" + s.query() + "&b=2"}) {
                    if (text.contains("null")) {
                        continue;
                    }
                    String r = Redactor.redactText(text);
                    assertNull(s.leakIn(r), () -> s + ": " + text + " -> " + r);
                    assertEquals(r, Redactor.redactText(r), "redacting twice changes nothing");
                }
            }
        }
    }

    /**
     * Texts the pre-check passes have the patterns' answer remembered: asking again, or after another text took the
     * slot, gives what the patterns give; a text they leave alone comes back as the same object, which is how the
     * redaction pass knows nothing changed.
     */
    @Test
    void rememberedAnswersAreThePatternsAnswersWhateverTheOrderOfTexts() {
        SplittableRandom r = new SplittableRandom(7);
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            texts.add(i % 2 == 0 ? "secrets:get-" + i : "before " + SECRETS.get(i % SECRETS.size()) + " after " + i);
        }
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < texts.size(); k++) {
                String text = texts.get(r.nextInt(texts.size()));
                String copy = new String(text.toCharArray());
                String redacted = Redactor.redactText(copy);
                assertEquals(Redactor.applyPatterns(text), redacted, text);
                if (redacted.equals(text)) {
                    assertSame(copy, redacted, "a text left alone is returned as it came: " + text);
                }
            }
        }
    }

    @Test
    void markersNameTheKindAndAreDeterministic() {
        String pat = "ghp_" + "aB3".repeat(12);
        assertEquals("push with [REDACTED:github-pat] done", Redactor.redactText("push with " + pat + " done"));
        assertEquals("GET /v1/hooks/[REDACTED:gitlab-pat]", Redactor.redactText("GET /v1/hooks/glpat-" + "x1Y2".repeat(5)));
        assertEquals("postgres://svc:[REDACTED:url-password]@db:5432/app",
                Redactor.redactText("postgres://svc:pa55word@db:5432/app"));
        assertEquals("aws_secret_access_key=[REDACTED:aws-secret-access-key]",
                Redactor.redactText("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assertEquals("AKIAIOSFODNN7EXAMPLE [REDACTED:aws-secret-access-key]",
                Redactor.redactText("AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assertEquals("Authorization: Bearer [REDACTED:authorization]", Redactor.redactText("Authorization: Bearer abcdefghijklmnop1234"));
        assertEquals("key: [REDACTED:private-key]",
                Redactor.redactText("key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"));
        assertEquals(Redactor.redactText("x " + pat), Redactor.redactText("x " + pat), "same input, same output");
    }

    @Test
    void accessKeyIdsAndOrdinaryValuesStay() {
        for (String clean : List.of("AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "arn:aws:iam::123456789012:role/ci-deploy",
                "serviceaccounts/token:create", "secretsmanager:GetSecretValue", "sts:GetSessionToken",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
                "/repos/octo-org/octo-repo/commits/7638417db6d59f3c431d3e1f261cc637155684cd",
                "GET /v1/orders/42", "system:serviceaccount:prod:deployer", "asia-east1")) {
            assertEquals(clean, Redactor.redactText(clean), clean);
        }
    }

    @Test
    void identifiersThatHeldASecretStayDistinct() {
        String a = Redactor.redactIdentifier("ghp_" + "a1B".repeat(12));
        String b = Redactor.redactIdentifier("ghp_" + "c2D".repeat(12));
        assertTrue(a.startsWith("[REDACTED:github-pat]#"), a);
        assertNotEquals(a, b);
        String plain = "svc-1";
        assertSame(plain, Redactor.redactIdentifier(plain));
    }

    @Test
    void leavesCleanCloudTrailValuesAloneWithoutLookingFurther() {
        for (String clean : List.of("us-east-1", "444455556666", "IAMUser", "s3.amazonaws.com", "GetObject", "AwsApiCall",
                "10.20.30.41", "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.213-201.855.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off",
                "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux lang/python#3.11.9 cfg/retry-mode#legacy",
                "AKIAIOSFODNN7EXAMPLE", "high-light")) {
            assertFalse(Redactor.mayHoldSecret(clean), clean);
            assertSame(clean, Redactor.redactText(clean));
        }
    }

    @Test
    void preCheckFindsEachMarkerInAnyAsciiCaseAndPosition() {
        for (String m : List.of("=", "bearer", "basic", "token", "digest", "eyj", "ghp_", "gho_", "github_pat", "aiza", "xox", "xapp-",
                "sk-", "secret", "passw", "passp", "api_", "apik", "api-k", "private", "authoriz", "signat", "npm_", "glpat-", "gldt-",
                "iqoj", "fwog", "fqog", "hooks.slack", "-----begin", "://u@", "\u2026")) {
            assertTrue(Redactor.mayHoldSecret(m), m);
            assertTrue(Redactor.mayHoldSecret("xx " + m.toUpperCase(Locale.ROOT) + " yy"), m);
            assertTrue(Redactor.mayHoldSecret("…" + m), m);
            assertTrue(Redactor.mayHoldSecret(m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1)), m);
        }
        assertTrue(Redactor.mayHoldSecret("AKIAIOSFODNN7EXAMPLE:" + "x".repeat(40)), "key id with room for a secret");
        assertTrue(Redactor.mayHoldSecret("a " + "aB3".repeat(14)), "long mixed base64 run");
    }

    /**
     * The pre-check may only skip text that no pattern would change, and the rules it lets run (those whose fragment
     * it found) change the text exactly as all rules would.
     */
    @Test
    void textThePreCheckSkipsIsNeverChangedByThePatterns() {
        String[] parts = {"Bearer ", "bAsIc ", "TOKEN ", "digest ", "eyJ", "ghp_", "gHs_", "github_pat_", "AIza", "xoxp-", "xapp-1-",
            "sk-", "Secret", "PASSWORD", "passphrase", "api_key", "ApiKey", "x-api-key", "private_key", "Authorization", "signature",
            "npm_", "glpat-", "glrt-", "IQoJb3JpZ2luX2VjE", "FwoGZXIvYXdzE", "hooks.slack.com/services/", "-----BEGIN RSA PRIVATE KEY-----",
            "https://", "u:p@", "AKIAIOSFODNN7EXAMPLE", "ASIA", ",", "…", "=", ":", "?key=", "abcdefgh", "12345678", "ABCDEFGH",
            "+/", "%2F", "_-./", " ", "\"", "'", "é", "K", "\n"};
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(10);
            for (int k = 0; k < n; k++) {
                b.append(parts[r.nextInt(parts.length)]);
                if (r.nextInt(3) == 0) {
                    b.append("Zq9".repeat(1 + r.nextInt(15)));
                }
            }
            String s = b.toString();
            String all = Redactor.applyPatterns(s);
            if (!Redactor.mayHoldSecret(s)) {
                assertEquals(s, all, "skipped by the pre-check but changed by a pattern");
            }
            assertEquals(all, Redactor.redactText(s), () -> "the rules the pre-check selected differ from all rules on " + s);
        }
    }

    @Test
    void printableEscapesControlCharactersAndKeepsTheRest() {
        assertEquals("a\\u001b[31mb\\u0000c\\nd\\re\\tf\\u202eg é …", Printable.escape("a\u001b[31mb\u0000c\nd\re\tf\u202eg é …"));
        String clean = "plain text é";
        assertSame(clean, Printable.escape(clean));
        String reason = RejectionReason.of("bad value 'ghp_" + "q1W".repeat(12) + "'\u001b[2J");
        assertEquals("bad value '[REDACTED:github-pat]'\\u001b[2J", reason);
    }
}
