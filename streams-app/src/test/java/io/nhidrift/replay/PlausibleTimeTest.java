package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The runs of event times can be found as replay's reading threads meet the times: in any order, and thread by
 * thread (the union of the threads' runs is the runs of all the times, however the times are split).
 */
@UnitTest
class PlausibleTimeTest {

    private static final long GAP = 90L * 86_400_000;

    /** Times mostly close together, sometimes exactly the gap apart, sometimes far (a separate run), ascending. */
    private static long[] times(Random r) {
        int n = 1 + r.nextInt(300);
        long[] all = new long[n];
        long t = r.nextInt(3) == 0 ? Long.MAX_VALUE - GAP * 3 : r.nextLong(4_000_000_000_000L);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(20);
            long step = kind == 0 ? GAP : kind == 1 ? GAP + 1 : kind == 2 ? GAP * (2 + r.nextInt(5)) : r.nextInt(1_000_000);
            t = t > Long.MAX_VALUE - step ? t : t + step;
            all[i] = t;
        }
        return all;
    }

    @Test
    void timesAddedInAnyOrderGiveTheRunsOfTheSortedTimes() {
        Random r = new Random(7);
        for (int world = 0; world < 2000; world++) {
            long[] all = times(r);
            // as reading threads meet them: in order, reversed, shuffled, or in order within files read in any order
            List<Long> order = new ArrayList<>();
            for (long t : all) {
                order.add(t);
            }
            switch (world % 4) {
                case 0 -> { }
                case 1 -> java.util.Collections.reverse(order);
                case 2 -> java.util.Collections.shuffle(order, r);
                default -> {
                    List<List<Long>> files = new ArrayList<>();
                    int n = 1 + r.nextInt(4);
                    for (int f = 0; f < n; f++) {
                        files.add(new ArrayList<>());
                    }
                    for (long t : order) {
                        files.get(r.nextInt(n)).add(t);
                    }
                    java.util.Collections.shuffle(files, r);
                    order.clear();
                    files.forEach(order::addAll);
                }
            }
            PlausibleTime.RunsInAnyOrder runs = new PlausibleTime.RunsInAnyOrder(GAP);
            order.forEach(runs::add);
            assertEquals(PlausibleTime.runs(all, GAP), runs.runs(), "world " + world);
        }
    }

    @Test
    void theUnionOfTheShardsRunsIsTheRunsOfAllTheTimes() {
        Random r = new Random(11);
        for (int world = 0; world < 500; world++) {
            long[] all = times(r);
            int shards = 1 + r.nextInt(5);
            List<List<Long>> parts = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                parts.add(new ArrayList<>());
            }
            for (long time : all) {
                parts.get(r.nextInt(shards)).add(time);
            }
            List<PlausibleTime.Run> shardRuns = new ArrayList<>();
            for (List<Long> part : parts) {
                shardRuns.addAll(PlausibleTime.runs(part.stream().mapToLong(Long::longValue).toArray(), GAP));
            }
            assertEquals(PlausibleTime.runs(all, GAP), PlausibleTime.union(shardRuns, GAP), "world " + world);
        }
    }
}
