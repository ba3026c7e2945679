package io.nhidrift.json;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Adapters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The strict UTF-8 check at the adapters' edge: Jackson alone decodes the overlong {@code C0 AF} as {@code /};
 * {@link Utf8} agrees with the JDK's strict decoder on every byte string, and every adapter rejects such input.
 */
@UnitTest
@Tag("unit")
class Utf8Test {

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // bytes biased towards lead and continuation bytes, where the edge cases are
        Arbitrary<Byte> b = Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) 0x80, (byte) 0xBF, (byte) 0xC0,
                (byte) 0xC1, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4,
                (byte) 0xF5, (byte) 0x9F, (byte) 0xA0, (byte) 0x8F, (byte) 0x90, (byte) 'a'));
        return b.array(byte[].class).ofMaxSize(12);
    }

    @Property(tries = 5000)
    void agreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] bytes) {
        assertEquals(jdkAccepts(bytes), Utf8.firstInvalid(bytes) < 0);
    }

    @Property(tries = 2000)
    void theUtf8OfAnyStringIsValid(@ForAll String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(jdkAccepts(b), Utf8.firstInvalid(b) < 0);
    }

    @Example
    void overlongSurrogateAndOutOfRangeFormsAreInvalid() {
        assertEquals(6, Utf8.firstInvalid(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}));
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}));
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
        assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xC3}));
        assertEquals(-1, Utf8.firstInvalid("é€😀/".getBytes(StandardCharsets.UTF_8)));
    }

    @Example
    void everyAdapterRejectsAnOverlongSlashInsteadOfDecodingIt() {
        byte[] record = {'{', '"', 'e', 'v', 'e', 'n', 't', 'N', 'a', 'm', 'e', '"', ':', '"', '.', '.', (byte) 0xC0, (byte) 0xAF,
            'e', 't', 'c', '"', '}'};
        for (String format : Adapters.formats()) {
            AdapterException e = assertThrows(AdapterException.class, () -> Adapters.create(format).parse(record), format);
            assertTrue(e.getMessage().contains("invalid UTF-8 at byte 16"), format + ": " + e.getMessage());
        }
    }
}
