package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The table-driven pre-check answers exactly what the reference (character by character, regionMatches) answers. */
@UnitTest
class RedactorPreCheckTest {

    /** Marker fragments in several cases, their neighbours, and characters that fold to ASCII letters under Unicode case rules. */
    private static final String[] PARTS = {"bearer", "BASIC", "Token", "digest", "eyJ", "EYj", "ghp_", "GHO_", "gHx_", "github_pat",
        "glpat-", "glAgent-", "gl-", "gl12-", "aiza", "api_", "apiK", "API-k", "authoriz", "AKIA", "ASIA", "xox", "xapp-",
        "sk-", "secret", "SIGNAT", "passw", "passp", "private", "npm_", "iqoj", "fwog", "FQOG", "hooks.slack", "-----BEGIN",
        "://", "@", "/", " ", "=", "\u2026", "\u212a", "\u017f", "\u0131", "\u0130", "\u00e9", "a", "p", "s", "t", "e", "g",
        "Zq9", "+", "%", "_", "-", ":", "0123456789", "abcdefghij", "KLMNOPQRST", "\n"};

    @Test
    void givesTheReferenceFamiliesOnGeneratedText() {
        SplittableRandom r = new SplittableRandom(13);
        int withFamilies = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(12);
            for (int k = 0; k < n; k++) {
                String p = PARTS[r.nextInt(PARTS.length)];
                b.append(r.nextInt(4) == 0 ? p.substring(0, 1 + r.nextInt(p.length())) : p);
                if (r.nextInt(4) == 0) {
                    b.append("aB3".repeat(1 + r.nextInt(16)));
                }
            }
            String s = b.toString();
            int expected = ReferencePreCheck.families(s);
            assertEquals(expected, Redactor.families(s), () -> "families of " + s);
            withFamilies += expected != 0 ? 1 : 0;
        }
        assertTrue(withFamilies > 1000 && withFamilies < 199_000, "generated text mixes clean and suspect: " + withFamilies);
    }

    @Test
    void unicodeCaseFoldingStillCountsWhereRegionMatchesCountsIt() {
        // U+212A KELVIN SIGN lower-cases to 'k', U+017F LONG S upper-cases to 'S': regionMatches(ignoreCase) matches them
        for (String s : new String[] {"api\u212aey", "pa\u017f\u017fword", "\u017fecret", "xapp-", "to\u212aen"}) {
            assertEquals(ReferencePreCheck.families(s), Redactor.families(s), s);
        }
    }
}
