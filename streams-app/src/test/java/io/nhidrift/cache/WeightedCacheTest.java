package io.nhidrift.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replay's state cache is bounded by the weight of what it holds; past the budget, entries not used since the
 * clock hand last passed go out first, entries used since then get a second chance (and lose their mark).
 */
@UnitTest
class WeightedCacheTest {

    /** A mutable value whose weight is its size, as a credential state grows with its actions. */
    private static final class Box {
        long size;

        Box(long size) {
            this.size = size;
        }
    }

    private final List<String> evicted = new ArrayList<>();
    private final WeightedCache<Box> lru = new WeightedCache<>(100, b -> b.size, (k, v) -> evicted.add(k + "=" + v.size));

    @Test
    void anEntryNotUsedSinceItWasAddedGoesOutBeforeOneUsedWhenTheWeightPassesTheBudget() {
        lru.put("a", new Box(40));
        lru.put("b", new Box(40));
        lru.get("a"); // a has been used since it was added, b has not
        lru.put("c", new Box(40));
        assertEquals(List.of("b=40"), evicted);
        assertNull(lru.get("b"));
        assertEquals(80, lru.weight());
        assertEquals(2, lru.size());
    }

    @Test
    void aValueThatGrewIsWeighedAgainWhenPutBackAndItsLatestFormIsWrittenOut() {
        Box a = new Box(10);
        lru.put("a", a);
        lru.put("b", new Box(10));
        a.size = 85; // the engine changed the state in place, then puts it back
        lru.put("a", a);
        assertEquals(95, lru.weight());
        lru.put("c", new Box(10));
        assertEquals(List.of("b=10"), evicted, "b was not used since it was added; a, used, lost its mark");
        lru.get("c");
        lru.put("d", new Box(10));
        assertEquals(List.of("b=10", "a=85"), evicted, "a was not used since the hand passed; it goes out with the weight it has now");
        assertTrue(lru.weight() <= 100);
    }

    @Test
    void oneValueHeavierThanTheBudgetStaysWhileItIsTheOneInUse() {
        Box big = new Box(500);
        lru.put("small", new Box(1));
        lru.put("big", big);
        assertEquals(List.of("small=1"), evicted);
        assertSame(big, lru.get("big"));
        lru.put("next", new Box(1));
        assertEquals(List.of("small=1", "big=500"), evicted);
    }
}
