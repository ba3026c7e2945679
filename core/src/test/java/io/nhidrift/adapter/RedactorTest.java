package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

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
    void leavesCleanCloudTrailValuesAloneWithoutLookingFurther() {
        for (String clean : List.of("us-east-1", "444455556666", "IAMUser", "s3.amazonaws.com", "GetObject", "AwsApiCall",
                "10.20.30.41", "aws-cli/2.15.30 Python/3.11.8 Linux/5.10.213-201.855.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off",
                "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux lang/python#3.11.9 cfg/retry-mode#legacy")) {
            assertFalse(Redactor.mayHoldSecret(clean), clean);
            assertEquals(clean, Redactor.redactText(clean));
        }
    }

    @Test
    void preCheckFindsEachMarkerInAnyAsciiCaseAndPosition() {
        for (String m : List.of("=", "bearer", "basic", "token", "digest", "eyj", "gh", "github_pat", "aiza", "xox", "sk-", "secret", "passw")) {
            assertTrue(Redactor.mayHoldSecret(m), m);
            assertTrue(Redactor.mayHoldSecret("xx " + m.toUpperCase(java.util.Locale.ROOT) + " yy"), m);
            assertTrue(Redactor.mayHoldSecret("…" + m), m);
            assertTrue(Redactor.mayHoldSecret(m.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + m.substring(1)), m);
        }
    }

    /** The pre-check may only skip text that no pattern would change. */
    @Test
    void textThePreCheckSkipsIsNeverChangedByThePatterns() {
        String[] parts = {"Bearer ", "bAsIc ", "TOKEN ", "digest ", "eyJ", "ghp_", "github_pat_", "AIza", "xoxp-", "sk-", "Secret", "PASSWORD",
            "=", ":", "?key=", "abcdefgh", "12345678", "_-./", " ", "\"", "é", "K"};
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) {
                b.append(parts[r.nextInt(parts.length)]);
                if (r.nextInt(3) == 0) {
                    b.append("Zq9".repeat(1 + r.nextInt(15)));
                }
            }
            String s = b.toString();
            if (!Redactor.mayHoldSecret(s)) {
                assertEquals(s, Redactor.applyPatterns(s), "skipped by the pre-check but changed by a pattern");
            }
        }
    }
}
