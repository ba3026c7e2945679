package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.testing.UnitTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class DueSchedulerTest {

    private static final String ID = "AKIADUE0000000000001";
    private static final long T = DetectionFixture.millis("2026-07-01T00:00:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long MIN = Duration.ofMinutes(1).toMillis();
    private static final long IDLE_AT = T + 30 * DAY;
    private static final byte IDLE = 'I';

    private final DetectionConfig config = DetectionFixture.defaults().withAllowedLateness(Duration.ofMinutes(15));
    private final InMemoryStateAccess access = new InMemoryStateAccess();
    private final List<Alert> alerts = new ArrayList<>();

    private DueScheduler scheduler(boolean live) {
        DetectorRegistry registry = new DetectorRegistry(config);
        return new DueScheduler(config, registry, access, new CompiledCache(),
                new AlertGate(new AlertFactory(config, registry.byType())), alerts::add, live);
    }

    /** A credential last used at {@code lastSeen}, its idle check scheduled. */
    private CredentialState usedAt(DueScheduler s, long lastSeen, Long revokedAt) {
        Entitlement ent = Entitlement.newBuilder().setCredentialId(ID).setKind("aws_access_key").setGrants(List.of("s3:*"))
                .setRevokedAt(revokedAt).build();
        access.putEntitlement(ent);
        CredentialState state = access.state(ID) != null ? access.state(ID) : UsageRecorder.newState(ID);
        state.setLastSeen(lastSeen);
        s.reschedule(state, ent);
        access.putState(state);
        return state;
    }

    private List<String> types() {
        return alerts.stream().map(Alert::getType).toList();
    }

    @Test
    void anInputEvaluatesTheChecksDueUpToItsTimeMinusTheAllowedLateness() {
        DueScheduler s = scheduler(false);
        usedAt(s, T, null);
        assertEquals(List.of(new StateAccess.DueEntry(IDLE_AT, IDLE, ID)), access.index());
        s.advance(IDLE_AT + 14 * MIN, 0);
        assertEquals(List.of(), types());
        s.advance(IDLE_AT + 15 * MIN, 0);
        assertEquals(List.of("IDLE_CREDENTIAL"), types());
        assertEquals(IDLE_AT, alerts.get(0).getEventTime().toEpochMilli());
        assertEquals(List.of(), access.index());
        assertNull(access.state(ID).getIdleDue());
    }

    @Test
    void liveAnInputMovesEventTimeAtMostMaxFutureSkewPastTheWallClock() {
        DueScheduler s = scheduler(true);
        usedAt(s, T, null);
        s.advance(IDLE_AT + DAY, T + DAY); // stamped a month ahead of the wall clock
        assertEquals(List.of(), types());
        s.advance(IDLE_AT + DAY, IDLE_AT + 15 * MIN); // the wall clock caught up
        assertEquals(List.of("IDLE_CREDENTIAL"), types());
    }

    @Test
    void theWallClockEvaluatesWhenCaughtUpOrSilentButNotThroughABacklog() {
        DueScheduler s = scheduler(true);
        usedAt(s, T, null);
        long now = IDLE_AT + DAY;
        s.advance(T + DAY, now); // an old record, read now: a backlog
        s.onWallClock(now + MIN);
        assertEquals(List.of(), types());
        s.onWallClock(now + 15 * MIN); // nothing read for the allowed lateness: silent
        assertEquals(List.of("IDLE_CREDENTIAL"), types());
    }

    @Test
    void anEntryWantedLaterStaysUntilItComesDueAndIsThenMovedOnce() {
        DueScheduler s = scheduler(false);
        usedAt(s, T, null);
        usedAt(s, T + 10 * DAY, null); // used since: due 10 days later, but the entry is not moved per use
        assertEquals(List.of(new StateAccess.DueEntry(IDLE_AT, IDLE, ID)), access.index());
        s.sweep(IDLE_AT);
        assertEquals(List.of(), types());
        assertEquals(List.of(new StateAccess.DueEntry(IDLE_AT + 10 * DAY, IDLE, ID)), access.index());
        assertEquals(IDLE_AT + 10 * DAY, access.state(ID).getIdleDue());
    }

    @Test
    void anEntryNoLongerWantedIsDeleted() {
        DueScheduler s = scheduler(false);
        usedAt(s, T, null);
        usedAt(s, T, T + DAY); // revoked before it would go idle: nothing to report
        assertEquals(List.of(), access.index());
        assertNull(access.state(ID).getIdleDue());
    }

    @Test
    void aStaleEntryIsDroppedWithoutEvaluation() {
        DueScheduler s = scheduler(false);
        usedAt(s, T, null);
        access.putDue(T + DAY, IDLE, ID); // not the due time the state holds
        s.sweep(T + DAY);
        assertEquals(List.of(), types());
        assertEquals(List.of(new StateAccess.DueEntry(IDLE_AT, IDLE, ID)), access.index());
    }
}
