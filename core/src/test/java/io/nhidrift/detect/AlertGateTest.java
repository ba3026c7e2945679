package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@UnitTest
class AlertGateTest {

    private static final String ID = "AKIAGATE000000000001";
    private static final AlertType NEW_CALLER = AlertType.NEW_CALLER;
    private static final AlertType BURST = AlertType.ACCESS_DENIED_BURST;

    private final AlertGate gate = new AlertGate(new AlertFactory(DetectionFixture.defaults(), Map.of()));
    private final CredentialState state = UsageRecorder.newState(ID);
    private final AtomicInteger described = new AtomicInteger();

    private Supplier<Finding> finding(AlertType type, long time, Object subject) {
        return () -> {
            described.incrementAndGet();
            return new Finding(type, subject, time, "summary of " + subject, Map.of(), "anchor-" + time);
        };
    }

    /** One input: the reports of each detector in turn, then the gate's verdict. */
    @SafeVarargs
    private List<Alert> input(Map.Entry<AlertType, Consumer<Decisions>>... reports) {
        gate.begin(state);
        for (Map.Entry<AlertType, Consumer<Decisions>> r : reports) {
            r.getValue().accept(gate.from(r.getKey()));
        }
        return gate.settle(ID, null, null);
    }

    private static List<Object> subjects(List<Alert> alerts) {
        return alerts.stream().map(Alert::getSubject).toList();
    }

    @Test
    void aConditionFiresOnceAndIsArmedAtItsEventTime() {
        assertEquals(1, input(Map.entry(NEW_CALLER, d -> d.holds("agent:curl", finding(NEW_CALLER, 100, "agent:curl")))).size());
        assertEquals(Map.of("NEW_CALLER|agent:curl", 100L), state.getActiveConditions());
        assertTrue(Conditions.isArmed(state, NEW_CALLER, "agent:curl"));
        assertEquals(List.of(), input(Map.entry(NEW_CALLER, d -> d.holds("agent:curl", finding(NEW_CALLER, 200, "agent:curl")))));
    }

    @Test
    void aSuppressedFindingIsNeverDescribed() {
        input(Map.entry(NEW_CALLER, d -> d.holds("agent:curl", finding(NEW_CALLER, 100, "agent:curl"))));
        input(Map.entry(NEW_CALLER, d -> d.holds("agent:curl", finding(NEW_CALLER, 200, "agent:curl"))));
        input(Map.entry(NEW_CALLER, d -> d.holds("agent:curl", finding(NEW_CALLER, 300, "agent:curl"))));
        assertEquals(1, described.get());
    }

    @Test
    void anEndedConditionIsNewsAgain() {
        input(Map.entry(BURST, d -> d.holds(Decisions.PER_CREDENTIAL, finding(BURST, 100, "10"))));
        assertEquals(Map.of("ACCESS_DENIED_BURST", 100L), state.getActiveConditions());
        input(Map.entry(BURST, d -> d.ended(Decisions.PER_CREDENTIAL)));
        assertEquals(Map.of(), state.getActiveConditions());
        assertEquals(1, input(Map.entry(BURST, d -> d.holds(Decisions.PER_CREDENTIAL, finding(BURST, 300, "10")))).size());
    }

    @Test
    void anArmedConditionEndedByTheSameInputIsNotNewsAndEnds() {
        input(Map.entry(AlertType.IDLE_CREDENTIAL, d -> d.holds("5", finding(AlertType.IDLE_CREDENTIAL, 100, null))));
        List<Alert> out = input(Map.entry(AlertType.IDLE_CREDENTIAL, d -> {
            d.endedAll();
            d.holds("5", finding(AlertType.IDLE_CREDENTIAL, 100, null));
        }));
        assertEquals(List.of(), out);
        assertEquals(Map.of(), state.getActiveConditions());
    }

    @Test
    void aFreshConditionAnnouncedByAnInputThatEndsTheOthersStaysArmed() {
        input(Map.entry(AlertType.IDLE_CREDENTIAL, d -> d.holds("1", finding(AlertType.IDLE_CREDENTIAL, 10, null))));
        List<Alert> out = input(Map.entry(AlertType.IDLE_CREDENTIAL, d -> {
            d.holds("5", finding(AlertType.IDLE_CREDENTIAL, 50, null));
            d.endedAll();
        }));
        assertEquals(1, out.size());
        assertEquals(Map.of("IDLE_CREDENTIAL|5", 50L), state.getActiveConditions());
    }

    @Test
    void holdAllAlertsOnceAboutTheConditionsNotArmedYetInTheOrderGiven() {
        AlertType unused = AlertType.UNUSED_ENTITLEMENT;
        input(Map.entry(unused, d -> d.holds("b", finding(unused, 1, "b"))));
        List<Alert> out = input(Map.entry(unused, d -> d.holdAll(List.of("a", "b", "c", "a"),
                fresh -> new Finding(unused, fresh, 2, "fresh " + fresh, Map.of(), "x"))));
        assertEquals(List.of(List.of("a", "c")), subjects(out));
        assertEquals(Map.of("UNUSED_ENTITLEMENT|a", 2L, "UNUSED_ENTITLEMENT|b", 1L, "UNUSED_ENTITLEMENT|c", 2L),
                state.getActiveConditions());
        assertEquals(List.of(), input(Map.entry(unused, d -> d.holdAll(List.of("a", "c"), fresh -> {
            throw new AssertionError("nothing fresh to describe");
        }))));
    }

    @Test
    void anOccurrenceAlwaysAlertsAndArmsNothing() {
        AlertType expanded = AlertType.ENTITLEMENT_EXPANDED;
        assertEquals(1, input(Map.entry(expanded, d -> d.occurred(finding(expanded, 1, "x")))).size());
        assertEquals(1, input(Map.entry(expanded, d -> d.occurred(finding(expanded, 1, "x")))).size());
        assertEquals(Map.of(), state.getActiveConditions());
    }

    @Test
    void aDetectorEndsOnlyItsOwnConditions() {
        input(Map.entry(NEW_CALLER, d -> d.holds("agent:curl", finding(NEW_CALLER, 1, "agent:curl"))),
                Map.entry(BURST, d -> d.holds(Decisions.PER_CREDENTIAL, finding(BURST, 1, "10"))));
        input(Map.entry(AlertType.IDLE_CREDENTIAL, Decisions::endedAll),
                Map.entry(AlertType.HUMAN_USE, d -> d.ended("agent:curl")),
                Map.entry(AlertType.UNKNOWN_CREDENTIAL, d -> d.ended(Decisions.PER_CREDENTIAL)));
        assertEquals(Map.of("NEW_CALLER|agent:curl", 1L, "ACCESS_DENIED_BURST", 1L), state.getActiveConditions());
        input(Map.entry(NEW_CALLER, Decisions::endedAll));
        assertEquals(Map.of("ACCESS_DENIED_BURST", 1L), state.getActiveConditions());
        assertEquals(List.of(""), Conditions.armed(state, BURST));
    }

    @Test
    void theSameConditionReportedTwiceInOneInputAlertsOnce() {
        assertEquals(1, input(Map.entry(NEW_CALLER, d -> {
            d.holds("agent:curl", finding(NEW_CALLER, 1, "agent:curl"));
            d.holds("agent:curl", finding(NEW_CALLER, 1, "agent:curl"));
        })).size());
    }

    @Test
    void theOutcomeDoesNotDependOnTheOrderOfTheDetectors() {
        Map.Entry<AlertType, Consumer<Decisions>> burst = Map.entry(BURST, d -> d.ended(Decisions.PER_CREDENTIAL));
        Map.Entry<AlertType, Consumer<Decisions>> caller =
                Map.entry(NEW_CALLER, d -> d.holds("network:x", finding(NEW_CALLER, 5, "network:x")));
        state.getActiveConditions().put("ACCESS_DENIED_BURST", 1L);
        List<Object> oneWay = subjects(input(burst, caller));
        Map<String, Long> afterOneWay = Map.copyOf(state.getActiveConditions());
        state.getActiveConditions().clear();
        state.getActiveConditions().put("ACCESS_DENIED_BURST", 1L);
        assertEquals(oneWay, subjects(input(caller, burst)));
        assertEquals(afterOneWay, state.getActiveConditions());
        assertEquals(Map.of("NEW_CALLER|network:x", 5L), afterOneWay);
    }

    @Test
    void anInputWithoutAlertsSettlesToAnEmptyList() {
        assertEquals(List.of(), input(Map.entry(BURST, d -> d.ended(Decisions.PER_CREDENTIAL))));
        assertEquals(0, described.get());
    }
}
