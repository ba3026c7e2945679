package io.nhidrift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void countsTheCpuOfABusyThread() {
        assumeTrue(CpuAccount.available(), "needs /proc/self/task (Linux)");
        var mx = ManagementFactory.getThreadMXBean();
        CpuAccount account = CpuAccount.begin();
        long until = mx.getCurrentThreadCpuTime() + 200_000_000L;
        long deadline = System.nanoTime() + 30_000_000_000L;
        long x = 0;
        while (mx.getCurrentThreadCpuTime() < until && System.nanoTime() < deadline) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        Map<String, Double> ms = account.end();
        assertTrue(x >= 0);
        assertTrue(ms.get("total") >= 150, "200 ms of this thread's CPU, 10 ms ticks: " + ms);
        assertTrue(ms.get("wall") > 0);
        Measured m = new Measured(1, 1000, ms);
        assertEquals(ms.get("total"), m.cpuMicrosPerRecord("total"), 1e-9); // 1000 records: µs per record = ms
    }
}
