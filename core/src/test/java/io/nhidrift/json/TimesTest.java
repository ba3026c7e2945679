package io.nhidrift.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class TimesTest {

    /** What the java.time parser alone makes of a text (the definition the fast path must match). */
    private static Long reference(String v) {
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void agreesWithInstantParseOnRandomUtcTimes() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long ms = r.nextLong(0, 253_402_300_799_999L); // 1970 .. 9999-12-31T23:59:59.999Z
            String text = Instant.ofEpochMilli(ms).toString(); // Z, with 0, 3 fraction digits
            assertEquals(ms, Times.isoMillis(text), text);
            assertEquals(ms, Times.utcMillis(text), text);
        }
    }

    @Test
    void agreesWithInstantParseOnEdgeAndMalformedShapes() {
        for (String v : List.of("1970-01-01T00:00:00Z", "2000-02-29T12:00:00Z", "2100-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                "2024-02-29T23:59:59.999Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-07-02T24:00:00Z", "2026-07-02T10:60:00Z", "2026-07-02T10:00:60Z",
                "2026-07-02T10:00:00.5Z", "2026-07-02T10:00:00.12Z", "2026-07-02T10:00:00.123456789Z",
                "2026-07-02T10:00:00.1234567891Z", "2026-07-02T10:00:00.Z", "2026-07-02T10:00:00,5Z", "2026-07-02T1a:00:00Z",
                "2026-07-02T10:00:00+02:00", "2026-07-02t10:00:00Z", "+2026-07-02T10:00:00Z", "1969-12-31T23:59:59Z",
                "2026-07-02T10:00:00.99999Z", "2026-7-2T10:00:00Z", "2026-07-02T10:00:00ZZ")) {
            Long expected = reference(v);
            if (expected == null && v.equals("2026-07-02T10:00:00+02:00")) {
                continue; // an offset is read by the OffsetDateTime fallback, below
            }
            assertEquals(expected, Times.isoMillis(v), v);
        }
        assertEquals(Instant.parse("2026-07-02T08:00:00Z").toEpochMilli(), Times.isoMillis("2026-07-02T10:00:00+02:00"));
        assertNull(Times.isoMillis("yesterday"));
    }

    @Test
    void zonelessTimesAreUtcInBothLenientReaders() {
        long t = Instant.parse("2022-01-01T19:42:55Z").toEpochMilli();
        assertEquals(t, Times.isoMillisZoneless("2022-01-01 19:42:55"));
        assertEquals(t, Times.lenientMillis("2022-01-01 19:42:55"));
        assertNull(Times.isoMillis("2022-01-01 19:42:55"), "the strict reader wants a zone");
        assertNull(Times.isoMillisZoneless("2022-01-01"), "CloudTrail wants a time");
        assertEquals(Instant.parse("2022-01-01T00:00:00Z").toEpochMilli(), Times.lenientMillis("2022-01-01"));
    }

    @Test
    void epochNumbersByMagnitude() throws Exception {
        long t = 1_700_000_000_000L;
        for (String n : new String[] {"1700000000", "1700000000000", "1700000000000000", "\"1700000000000000000\""}) {
            assertEquals(t, Times.millis(Json.parse(n.getBytes(java.nio.charset.StandardCharsets.UTF_8))), n);
        }
        assertEquals(Instant.parse("2023-07-10T11:42:00Z").toEpochMilli(), Times.clfMillis("[10/Jul/2023:11:42:00 +0000]"));
    }
}
