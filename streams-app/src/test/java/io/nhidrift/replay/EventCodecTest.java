package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nhidrift.avro.UsageEvent;
import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Replay's event codec gives back what Avro's binary round trip gives back: equal events, and attributes that
 * iterate in the same order (alert evidence is written in that order), for nulls, non-ASCII text and maps of
 * every size; an event Avro cannot write fails with Avro's own exception.
 */
@UnitTest
class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final AvroBinary<UsageEvent> avro = new AvroBinary<>(UsageEvent.class);

    @Test
    void roundTripEqualsAvrosForGeneratedEvents() {
        Random r = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            UsageEvent e = event(r, i);
            UsageEvent viaAvro = avro.decode(avro.encode(e));
            UsageEvent viaCodec = EventCodec.decode(codec.encode(e));
            assertEquals(viaAvro, viaCodec, "event " + i);
            assertEquals(new ArrayList<>(viaAvro.getAttributes().entrySet()), new ArrayList<>(viaCodec.getAttributes().entrySet()),
                    "attribute order of event " + i);
        }
    }

    @Test
    void anEventAvroCannotWriteFailsWithAvrosException() {
        UsageEvent e = event(new Random(1), 1);
        e.getAttributes().put("broken", null);
        RuntimeException expected = assertThrows(RuntimeException.class, () -> avro.encode(e));
        RuntimeException actual = assertThrows(RuntimeException.class, () -> codec.encode(e));
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    static UsageEvent event(Random r, int i) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int n = r.nextInt(40);
        for (int k = 0; k < n; k++) {
            attributes.put(text(r, 1 + r.nextInt(20)), text(r, r.nextInt(60)));
        }
        return UsageEvent.newBuilder().setEventId("ev-" + i).setSource(r.nextBoolean() ? "cloudtrail" : "kong")
                .setCredentialId(text(r, 1 + r.nextInt(40))).setCredentialKind(r.nextBoolean() ? null : "api_key")
                .setPrincipal(r.nextBoolean() ? null : text(r, 30)).setAction(text(r, 1 + r.nextInt(50)))
                .setEventTime(r.nextLong()).setDenied(r.nextBoolean()).setErrorCode(r.nextInt(4) == 0 ? "403" : null)
                .setSourceIp(r.nextBoolean() ? "10.0.0." + r.nextInt(255) : null).setUserAgent(r.nextBoolean() ? text(r, 80) : null)
                .setResource(r.nextBoolean() ? null : text(r, 30)).setAttributes(attributes).build();
    }

    /**
     * Text mostly ASCII; one string in three mixes in Latin-1, other BMP characters, emoji (surrogate pairs), lone
     * surrogates (a JSON log may escape them) and NUL.
     */
    private static String text(Random r, int length) {
        String[] pieces = {"é", "ß", "ü", "中", "文", "\u20ac", "\ud83d\ude00", "\"", "\\", "\n", "\ud800", "\udfff", "\u0000"};
        boolean mixed = r.nextInt(3) == 0;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(mixed && r.nextInt(3) == 0 ? pieces[r.nextInt(pieces.length)] : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        return b.toString();
    }
}
