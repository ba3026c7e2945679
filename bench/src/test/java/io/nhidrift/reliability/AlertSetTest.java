package io.nhidrift.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.testing.UnitTest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The suite's verdict can fail: a duplicated, lost, unexpected or altered alert is counted. */
@UnitTest
class AlertSetTest {

    private static final AlertSet BASELINE = AlertSet.of(List.of(alert("a1", "IDLE_CREDENTIAL"), alert("a2", "NEW_CALLER"),
            alert("a3", "OUT_OF_SCOPE_USE")));

    @Test
    void identical_runs_have_nothing_lost_or_duplicated() {
        AlertSet same = AlertSet.of(List.of(alert("a3", "OUT_OF_SCOPE_USE"), alert("a1", "IDLE_CREDENTIAL"),
                alert("a2", "NEW_CALLER")));
        assertEquals(0, same.lostAgainst(BASELINE));
        assertEquals(0, same.duplicatedAgainst(BASELINE));
        assertEquals(0, same.unexpectedAgainst(BASELINE));
        assertEquals(List.of(), same.changedAgainst(BASELINE));
    }

    @Test
    void an_alert_committed_twice_is_a_duplicate_and_a_missing_one_is_lost() {
        // a1 redelivered (its input processed again after a kill), a2 never committed
        AlertSet faulted = AlertSet.of(List.of(alert("a1", "IDLE_CREDENTIAL"), alert("a1", "IDLE_CREDENTIAL"),
                alert("a3", "OUT_OF_SCOPE_USE")));
        assertEquals(1, faulted.duplicatedAgainst(BASELINE));
        assertEquals(1, faulted.duplicatedWithin());
        assertEquals(1, faulted.lostAgainst(BASELINE));
        assertEquals(3, faulted.records());
    }

    @Test
    void an_alert_the_fault_free_run_never_had_or_with_other_content_is_reported() {
        AlertSet faulted = AlertSet.of(List.of(alert("a1", "IDLE_CREDENTIAL"), alert("a2", "HUMAN_USE"),
                alert("a3", "OUT_OF_SCOPE_USE"), alert("a9", "NEW_CALLER")));
        assertEquals(1, faulted.unexpectedAgainst(BASELINE));
        assertEquals(List.of("a2"), faulted.changedAgainst(BASELINE));
        assertEquals(0, faulted.lostAgainst(BASELINE));
    }

    private static ConsumerRecord<byte[], byte[]> alert(String id, String type) {
        String json = "{\"alertId\":\"" + id + "\",\"type\":\"" + type + "\",\"credentialId\":\"AKIAT00DEMOEXPORT001\"}";
        return new ConsumerRecord<>("alerts.json", 0, 0L, "AKIAT00DEMOEXPORT001".getBytes(UTF_8), json.getBytes(UTF_8));
    }
}
