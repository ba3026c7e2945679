package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.UsageEvent;
import io.nhidrift.testing.LeakProbes;
import io.nhidrift.testing.SecretSamples;
import io.nhidrift.testing.UnitTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every secret kind, through every field each adapter keeps, for every format, through the adapters as
 * {@link Adapters#create} gives them: no piece of the secret is left in the normalized event, and none in a skip or
 * rejection reason, which also holds no control character.
 */
@UnitTest
class SecretLeakTest {

    private final Map<String, LogAdapter> adapters = new HashMap<>();

    private LogAdapter adapter(String format) {
        return adapters.computeIfAbsent(format, Adapters::create);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void noSecretSurvivesNormalization(long seed) throws AdapterException {
        List<SecretSamples.Secret> secrets = new SecretSamples(seed).all();
        List<LeakProbes.Probe> probes = new LeakProbes().fieldProbes(secrets);
        Set<String> covered = new TreeSet<>();
        for (LeakProbes.Probe p : probes) {
            ParseResult r = adapter(p.format()).parse(p.record());
            assertFalse(r.events().isEmpty(), () -> p + " did not normalize: " + r.skipped() + " " + p.text());
            StringBuilder out = new StringBuilder();
            for (UsageEvent e : r.events()) {
                out.append(e).append('\n');
                assertEquals(p.credentialId(), e.getCredentialId(), p::toString);
            }
            r.skipped().forEach(s -> out.append(s).append('\n'));
            String leak = p.secret().leakIn(out.toString());
            assertNull(leak, () -> p + " leaked '" + leak + "' into " + out);
            assertTrue(out.toString().contains("[REDACTED:"), () -> p + ": the field is not kept, or kept without a marker: " + out);
            covered.add(p.format());
        }
        assertEquals(new TreeSet<>(Adapters.formats()), covered, "every format probed");
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void rejectionAndSkipReasonsQuoteNoSecretAndNoControlCharacter(long seed) {
        List<SecretSamples.Secret> secrets = new SecretSamples(seed).all();
        for (LeakProbes.Probe p : new LeakProbes().rejectionProbes(secrets)) {
            String reasons;
            try {
                ParseResult r = adapter(p.format()).parse(p.record());
                assertTrue(r.events().isEmpty(), p::toString);
                assertFalse(r.skipped().isEmpty(), () -> p + " gave neither an event nor a reason");
                reasons = String.join("\n", r.skipped());
            } catch (AdapterException e) {
                reasons = e.getMessage();
                assertNull(e.getCause(), "a rejection keeps no cause (its message quotes the input)");
            }
            String reason = reasons;
            String leak = p.secret().leakIn(reason);
            assertNull(leak, () -> p + " leaked '" + leak + "' into " + reason);
            if (!p.field().contains("stage")) { // joined skip reasons are separated by '\n' above
                assertTrue(reason.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), () -> p + ": " + reason);
            }
        }
    }
}
