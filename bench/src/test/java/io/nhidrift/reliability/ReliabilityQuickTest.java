package io.nhidrift.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.reliability.ReliabilitySuite.SuiteResult;
import io.nhidrift.testing.IntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick variant of {@code scripts/reliability}: the service as child JVMs on a real broker, faults injected
 * mid-stream, each faulted run compared with a fault-free run of the same input by alertId multiset (an alert
 * committed twice counts as duplicated, one never committed as lost, see {@link AlertSetTest}) and by the
 * committed state of every credential (the stores' changelogs).
 */
@IntegrationTest
class ReliabilityQuickTest {

    private static final String CLASSPATH = System.getProperty("java.class.path");

    @Test
    void kill_9_state_loss_inventory_races_and_a_broker_restart_lose_and_duplicate_nothing(@TempDir Path dir) {
        SuiteResult r = ReliabilitySuite.run(ReliabilitySuite.quick(dir, CLASSPATH), line -> System.out.println("[reliability] " + line));

        assertEquals(0, r.baseline().duplicatedWithin(), "the fault-free run committed an alert id twice");
        assertTrue(r.baseline().byType().size() >= 10, "the input yields alerts of many types: " + r.baseline().byType());
        assertTrue(r.baseline().records() >= 150, "a few hundred alerts: " + r.baseline().records());
        for (CaseResult c : r.cases()) {
            assertFalse(c.log().faults.isEmpty(), c.name() + ": no fault was injected");
            assertTrue(c.clean(), c.name() + ": " + c.verdict() + "; faults " + c.log().faults);
            assertEquals(r.baseline().records(), c.alertsRead(), c.name() + ": alerts read");
        }
        CaseResult broker = r.cases().stream().filter(c -> c.name().equals("broker-restart")).findFirst().orElseThrow();
        assertEquals(1, broker.serviceStarts(), "the service JVM rode the broker outage out, it was not restarted");
    }

    @Test
    void a_truncated_sst_file_is_restored_from_the_changelog(@TempDir Path dir) {
        SuiteResult r = ReliabilitySuite.run(ReliabilitySuite.corruption(dir, CLASSPATH),
                line -> System.out.println("[reliability] " + line));
        for (CaseResult c : r.cases()) {
            assertTrue(c.clean(), c.name() + ": " + c.verdict() + "; faults " + c.log().faults);
        }
    }
}
