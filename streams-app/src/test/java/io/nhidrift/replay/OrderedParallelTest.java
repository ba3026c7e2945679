package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ordered parallel reader of replay: task order kept for any number of threads, failures surfaced, no hang. */
@UnitTest
class OrderedParallelTest {

    /** Task i produces (i * 37) % 1000 items "i:k": some empty, some many chunks long. */
    private static final OrderedParallel.Producer<Integer, String> ITEMS = (task, emit) -> {
        for (int k = 0; k < (task * 37) % 1000; k++) {
            emit.accept(task + ":" + k);
        }
    };

    @Test
    void itemsArriveInTaskOrderThenProductionOrderWhateverTheThreads() throws IOException {
        List<Integer> tasks = IntStream.range(0, 60).boxed().toList();
        List<String> expected = new ArrayList<>();
        for (int t : tasks) {
            ITEMS.produce(t, expected::add);
        }
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<String> seen = new ArrayList<>();
            new OrderedParallel<>(threads, ITEMS).run(tasks, seen::add);
            assertEquals(expected, seen, threads + " threads");
        }
    }

    @Test
    void aProducerFailureIsThrownAfterTheItemsProducedBeforeIt() {
        OrderedParallel.Producer<Integer, String> failing = (task, emit) -> {
            ITEMS.produce(task, emit);
            if (task == 7) {
                throw new IOException("disk gone in task 7");
            }
        };
        List<String> seen = new ArrayList<>();
        IOException e = assertThrows(IOException.class,
                () -> new OrderedParallel<>(3, failing).run(IntStream.range(0, 20).boxed().toList(), seen::add));
        assertEquals("disk gone in task 7", e.getMessage());
        assertEquals("7:" + ((7 * 37) % 1000 - 1), seen.get(seen.size() - 1), "task 7's items all consumed, nothing after");
    }

    @Test
    void aConsumerFailureStopsTheWorkersInsteadOfHanging() {
        OrderedParallel.Producer<Integer, Integer> endless = (task, emit) -> {
            for (int k = 0; k < 50_000_000; k++) {
                emit.accept(k);
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OrderedParallel<>(2, endless)
                    .run(List.of(1, 2, 3), k -> {
                        if (k == 1000) {
                            throw new IllegalStateException("consumer gave up");
                        }
                    }));
            assertTrue(e.getMessage().contains("consumer gave up"));
        });
    }
}
