package io.nhidrift.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.scaleout.FailoverScenarios.Outcome;
import io.nhidrift.testing.IntegrationTest;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of the service as child JVMs with {@code num.standby.replicas=1}: one killed with {@code SIGKILL}
 * mid-stream, and a rolling restart (each instance stopped and started again in turn) while input arrives. Each run
 * commits exactly the alerts of a fault-free single instance: none lost, none twice, none other. The pauses are
 * measured by {@code scripts/scaleout} and reported in docs/BENCHMARKS.md; this test asserts correctness only.
 */
@IntegrationTest
class FailoverIntegrationTest {

    private static final String CLASSPATH = System.getProperty("java.class.path");

    @Test
    void a_killed_instance_and_a_rolling_restart_lose_and_duplicate_no_alert(@TempDir Path dir) {
        ScaleInput input = ScaleInput.build(12, System.currentTimeMillis());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            FailoverScenarios scenarios = new FailoverScenarios(kafka.bootstrapServers(), CLASSPATH, dir,
                    line -> System.out.println("[scaleout] " + line));
            Outcome baseline = scenarios.baseline(input);
            assertEquals(0, baseline.alerts().duplicated(), "the fault-free run committed an alert id twice");
            assertTrue(baseline.alerts().byType().size() >= 7, "alerts of every designed type: " + baseline.alerts().byType());

            for (Outcome faulted : new Outcome[] {scenarios.killOne(input, 1), scenarios.rollingRestart(input, 1)}) {
                assertEquals(Set.of(), faulted.alerts().lostAgainst(baseline.alerts()), faulted.name() + ": lost alerts");
                assertEquals(0, faulted.alerts().duplicated(), faulted.name() + ": alerts committed twice");
                assertEquals(Set.of(), faulted.alerts().unexpectedAgainst(baseline.alerts()), faulted.name() + ": other alerts");
            }
        }
    }
}
