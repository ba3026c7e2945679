package io.nhidrift.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.adapter.Events;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One serde instance used at once by the thread that owns its field codec and by other threads (stream threads and
 * interactive queries share instances): every thread reads back exactly what it wrote.
 */
@UnitTest
class AvroSerdeThreadsTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 20_000;

    @Test
    void threadsSharingAnInstanceNeverSeeEachOthersBytes() throws Exception {
        AvroSerde<UsageEvent> serde = AppSerdes.create(null).usageEvent();
        UsageEvent mine = event("owner");
        assertEquals(mine, serde.fromBytes(serde.toBytes(mine)), "the owner thread round-trips");
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                UsageEvent e = event("thread-" + t + "-" + "x".repeat(t * 37));
                done.add(pool.submit(() -> roundTrips(serde, e, start)));
            }
            int ownRounds = roundTrips(serde, mine, start);
            assertEquals(ROUNDS, ownRounds);
            for (Future<Integer> f : done) {
                assertEquals(ROUNDS, f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int roundTrips(AvroSerde<UsageEvent> serde, UsageEvent e, CyclicBarrier start) throws Exception {
        start.await(2, TimeUnit.MINUTES);
        int ok = 0;
        for (int i = 0; i < ROUNDS; i++) {
            UsageEvent back = serde.fromBytes(serde.toBytes(e));
            if (!e.equals(back)) {
                throw new AssertionError("read back " + back + " after writing " + e);
            }
            ok++;
        }
        return ok;
    }

    private static UsageEvent event(String id) {
        return Events.builder("cloudtrail", id, "AKIA" + id, "s3:GetObject", 1_700_000_000_000L).build();
    }
}
