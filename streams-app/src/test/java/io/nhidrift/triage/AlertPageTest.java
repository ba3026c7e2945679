package io.nhidrift.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Merging newest-first pages of several partitions or instances, and the cursor that continues them. */
@UnitTest
class AlertPageTest {

    private static final Function<AlertPosition, AlertPosition> SELF = p -> p;

    private static AlertPosition at(long t, String id) {
        return new AlertPosition(t, id);
    }

    @Test
    void exhaustedPartsMergeNewestFirstUpToTheLimitAndTheCursorIsTheLastItem() {
        AlertPage<AlertPosition> a = new AlertPage<>(List.of(at(9, "a"), at(5, "a")), null);
        AlertPage<AlertPosition> b = new AlertPage<>(List.of(at(9, "b"), at(7, "b"), at(1, "b")), null);
        AlertPage<AlertPosition> merged = AlertPage.merge(List.of(a, b), 3, SELF);
        assertEquals(List.of(at(9, "b"), at(9, "a"), at(7, "b")), merged.items(), "time desc, then id desc");
        assertEquals(at(7, "b"), merged.coveredTo());
        AlertPage<AlertPosition> all = AlertPage.merge(List.of(a, b), 10, SELF);
        assertEquals(5, all.items().size());
        assertNull(all.coveredTo(), "nothing further anywhere: no next page");
    }

    @Test
    void aPartWhoseScanStoppedEarlyHoldsBackOlderItemsOfThePartsUntilTheNextPage() {
        // partition a stopped reading at time 6 (budget): it may hold unread alerts older than 6
        AlertPage<AlertPosition> a = new AlertPage<>(List.of(at(8, "a")), at(6, "a"));
        AlertPage<AlertPosition> b = new AlertPage<>(List.of(at(7, "b"), at(5, "b"), at(2, "b")), null);
        AlertPage<AlertPosition> merged = AlertPage.merge(List.of(a, b), 10, SELF);
        assertEquals(List.of(at(8, "a"), at(7, "b")), merged.items(), "5 and 2 wait: older than where a stopped");
        assertEquals(at(6, "a"), merged.coveredTo(), "the next page starts after the point a reached");
    }

    @Test
    void aCursorRoundTripsAndAForeignOneIsRefused() {
        AlertPosition p = at(1_795_699_943_000L, "3f2a9c");
        assertEquals(p, AlertPosition.fromCursor(p.cursor()));
        assertEquals("invalid cursor: use the 'next' value of the previous page",
                assertThrows(IllegalArgumentException.class, () -> AlertPosition.fromCursor("!!")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlertPosition.fromCursor("bm90LWEtY3Vyc29y"));
    }
}
