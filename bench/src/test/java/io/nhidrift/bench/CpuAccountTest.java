package io.nhidrift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.UnitTest;

@UnitTest
class CpuAccountTest {

    @Test
    void groupsThreadsByWhatTheyDo() {
        assertEquals("stream threads", CpuAccount.group("bench-c10000-96"));
        assertEquals("producer I/O", CpuAccount.group("kafka-producer-"));
        assertEquals("GC and VM", CpuAccount.group("G1 Young RemSet"));
        assertEquals("JIT compiler", CpuAccount.group("C2 CompilerThre"));
        assertEquals("RocksDB background", CpuAccount.group("rocksdb:low"));
        assertEquals("broker (and other)", CpuAccount.group("data-plane-kafk"));
    }

    @Test
    void countsTheCpuOfABusyThreadInItsGroup() throws Exception {
        assumeTrue(CpuAccount.available(), "needs /proc/self/task (Linux)");
        var mx = ManagementFactory.getThreadMXBean();
        CpuAccount account = CpuAccount.begin();
        // a thread named like a bench stream thread burns 200 ms of CPU and stays alive until it is counted
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            long until = mx.getCurrentThreadCpuTime() + 200_000_000L;
            long deadline = System.nanoTime() + 30_000_000_000L;
            long x = 1;
            while (mx.getCurrentThreadCpuTime() < until && System.nanoTime() < deadline) {
                x += Long.numberOfTrailingZeros(x + System.nanoTime());
            }
            if (x == 42) {
                System.out.print(""); // keeps the loop from being optimized away
            }
            burnt.countDown();
            try {
                counted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-busy-1");
        busy.start();
        assertTrue(burnt.await(60, TimeUnit.SECONDS), "the busy thread did not finish burning");
        Map<String, Double> ms = account.end();
        counted.countDown();
        busy.join();
        assertTrue(ms.getOrDefault("stream threads", 0.0) >= 150, "200 ms of a bench- thread's CPU, 10 ms ticks: " + ms);
        assertTrue(ms.get("total") >= ms.get("stream threads"), "total includes every group: " + ms);
        Measured m = new Measured(1, 1000, ms);
        assertEquals(ms.get("total"), m.cpuMicrosPerRecord("total"), 1e-9); // 1000 records: µs per record = ms
    }
}
