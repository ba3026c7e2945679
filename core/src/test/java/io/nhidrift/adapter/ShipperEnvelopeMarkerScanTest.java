package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time marker scan answers exactly what the byte-by-byte reference answers, wherever the quotes fall. */
@UnitTest
class ShipperEnvelopeMarkerScanTest {

    private static final String[] PARTS = {"\"log\"", "\"message\"", "\"logEvents\"", "\"lo", "\"mess", "\"l", "\"m", "\"",
        ":", " ", "\n", "{", "[", "\\n", "\\t", "x", "abcdefg", "\"eventName\":\"GetObject\",", "é", "\u0000", "\"\"\"\"",
        "\"log\":{", "\"log\" : \"{", "\"message\":\" \\n{", "\"logEvents\":[", "\"log\":\"plain\""};

    @Test
    void givesTheReferenceAnswerOnGeneratedRecords() {
        SplittableRandom r = new SplittableRandom(21);
        int found = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(14);
            for (int k = 0; k < n; k++) {
                b.append(PARTS[r.nextInt(PARTS.length)]);
            }
            byte[] text = b.toString().getBytes(StandardCharsets.UTF_8);
            boolean expected = ReferenceMarkerScan.containsMarker(text);
            assertEquals(expected, ShipperEnvelope.containsMarker(text), () -> "containsMarker of " + b);
            found += expected ? 1 : 0;
        }
        assertTrue(found > 10_000 && found < 190_000, "generated records mix wrapped and plain: " + found);
    }

    @Test
    void findsAMarkerAtEveryOffsetOfAWord() {
        for (int pad = 0; pad < 24; pad++) {
            byte[] text = ("x".repeat(pad) + "\"log\":{}").getBytes(StandardCharsets.US_ASCII);
            assertTrue(ShipperEnvelope.containsMarker(text), "after " + pad + " bytes");
        }
    }
}
