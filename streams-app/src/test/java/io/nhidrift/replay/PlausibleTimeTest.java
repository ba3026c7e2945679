package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The runs of event times can be found shard by shard: the union of the shards' runs is the runs of all the times,
 * however the times are split (as replay's time survey splits them by credential).
 */
@UnitTest
class PlausibleTimeTest {

    private static final long GAP = 90L * 86_400_000;

    @Test
    void theUnionOfTheShardsRunsIsTheRunsOfAllTheTimes() {
        Random r = new Random(11);
        for (int world = 0; world < 500; world++) {
            int n = 1 + r.nextInt(300);
            long[] all = new long[n];
            long t = r.nextInt(3) == 0 ? Long.MAX_VALUE - GAP * 3 : r.nextLong(4_000_000_000_000L);
            for (int i = 0; i < n; i++) {
                // mostly close together, sometimes exactly the gap apart, sometimes far (a separate run)
                int kind = r.nextInt(20);
                long step = kind == 0 ? GAP : kind == 1 ? GAP + 1 : kind == 2 ? GAP * (2 + r.nextInt(5)) : r.nextInt(1_000_000);
                t = t > Long.MAX_VALUE - step ? t : t + step;
                all[i] = t;
            }
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
