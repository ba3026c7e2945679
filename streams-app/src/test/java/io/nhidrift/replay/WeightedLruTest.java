package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay's state cache is bounded by the weight of what it holds, least recently used out first. */
@UnitTest
class WeightedLruTest {

    /** A mutable value whose weight is its size, as a credential state grows with its actions. */
    private static final class Box {
        long size;

        Box(long size) {
            this.size = size;
        }
    }

    private final List<String> evicted = new ArrayList<>();
    private final WeightedLru<Box> lru = new WeightedLru<>(100, b -> b.size, (k, v) -> evicted.add(k + "=" + v.size));

    @Test
    void theLeastRecentlyUsedGoOutWhenTheWeightPassesTheBudget() {
        lru.put("a", new Box(40));
        lru.put("b", new Box(40));
        lru.get("a"); // a is now more recent than b
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
        assertEquals(List.of("b=10"), evicted, "b is the least recent");
        lru.put("d", new Box(10));
        assertEquals(List.of("b=10", "a=85"), evicted, "a goes out with the weight it has now");
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
