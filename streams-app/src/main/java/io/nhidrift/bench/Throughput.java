package io.nhidrift.bench;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.topology.Names;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Measurements 1, 2, 4 and 6 for one credential count: the inventory is loaded first; then, per run, a
 * backlog of N raw records is produced while the pipeline is stopped, the pipeline is started and timed
 * until it has processed all of it (raw normalize + detect); the plain-consumer limit is read on the same
 * records; at the end heap after GC and RocksDB memory; optionally restore from the changelog.
 */
final class Throughput {

    static final long DAY = 86_400_000L;
    /** Event times of the bench traffic start here (2026-03-01T00:00Z). */
    static final long T0 = 1_772_323_200_000L;
    private static final long TIMEOUT = 900_000L;

    static final class Result {
        int credentials;
        int events;
        long rawBytes;
        Stats eventsPerSec = new Stats();
        Stats limitPerSec = new Stats();
        Stats floorPerSec = new Stats();
        Stats ratio = new Stats();
        double inventoryPerSec;
        long heapBaseline;
        long heapRunning;
        double rocksMemtables;
        double rocksBlockCache;
        double rocksTableReaders;
        Stats restoreSec = new Stats();
        /** Pipeline CPU µs per event by thread group (see {@link CpuAccount}), over the runs. */
        Map<String, Stats> cpuPerEvent = new java.util.TreeMap<>();
        Stats floorCpuPerEvent = new Stats();
        Stats limitCpuPerRecord = new Stats();
    }

    private Throughput() {}

    /**
     * @param warmup records processed before the measured runs, so that the JIT has compiled the hot paths (in a cold
     *     first run the JIT compiler threads alone took ~30 µs of CPU per event)
     */
    static Result run(BenchCluster cluster, int credentials, int events, int warmup, int runs, int restoreRuns) throws Exception {
        Result res = new Result();
        res.credentials = credentials;
        res.events = events;
        AppConfig cfg = cluster.newConfig("c" + credentials);
        String group = cfg.applicationId();
        String raw = cfg.topics().rawByFormat().get("cloudtrail");
        cluster.createTopics(cfg);
        log("credentials %,d: producing inventory", credentials);
        cluster.produceInventory(cfg, credentials, T0 - 200 * DAY, T0 - DAY);
        res.heapBaseline = BenchCluster.heapAfterGc();

        NhiDriftService svc = BenchCluster.startAndAwaitRunning(cfg, TIMEOUT);
        long t0 = System.nanoTime();
        BenchCluster.await(() -> BenchCluster.processed(svc.streams()) >= credentials, TIMEOUT, "inventory processed");
        res.inventoryPerSec = credentials / ((System.nanoTime() - t0) / 1e9);
        // warm-up traffic (not measured): JIT, and every transactional producer has written to nhi.events once
        LoadGenerator warm = new LoadGenerator(credentials, 1);
        cluster.produceRaw(cfg, warm, warmup, T0 - 3_600_000L, 3_000_000.0 / warmup);
        BenchCluster.await(() -> BenchCluster.processed(svc.streams()) >= credentials + 2.0 * warmup, TIMEOUT, "warm-up processed");
        BenchCluster.await(() -> caughtUp(cluster, group, cfg.topics().inventory()), TIMEOUT, "inventory committed");
        BenchCluster.stop(svc);
        log("credentials %,d: inventory loaded at %,.0f/s", credentials, res.inventoryPerSec);

        LoadGenerator gen = new LoadGenerator(credentials, 7L * credentials);
        for (int r = 0; r < runs; r++) {
            Map<TopicPartition, Long> from = cluster.endOffsets(raw);
            res.rawBytes = cluster.produceRaw(cfg, gen, events, T0 + r * 2 * 3_600_000L, 3_600_000.0 / events);
            Map<TopicPartition, Long> to = cluster.endOffsets(raw);
            NhiDriftService s = BenchCluster.startAndAwaitRunning(cfg, TIMEOUT);
            long start = System.nanoTime();
            CpuAccount cpu = CpuAccount.available() ? CpuAccount.begin() : null;
            BenchCluster.await(() -> BenchCluster.processed(s.streams()) >= 2.0 * events, TIMEOUT, "backlog processed");
            long done = System.nanoTime();
            double eps = events / ((done - start) / 1e9);
            Measured pipeline = new Measured(eps, events, cpu == null ? null : cpu.end());
            BenchCluster.await(() -> caughtUp(cluster, group, raw), TIMEOUT, "raw committed");
            if (pipeline.cpuMs() != null) {
                pipeline.cpuMs().keySet().stream().filter(k -> !k.equals("wall"))
                        .forEach(k -> res.cpuPerEvent.computeIfAbsent(k, x -> new Stats()).add(pipeline.cpuMicrosPerRecord(k)));
            }
            log("credentials %,d run %d: pipeline CPU µs per event: %s", credentials, r + 1, pipeline.cpuLine());
            res.eventsPerSec.add(eps);
            if (r == runs - 1) {
                res.heapRunning = BenchCluster.heapAfterGc();
                res.rocksMemtables = BenchCluster.rocksMetric(s.streams(), "size-all-mem-tables");
                res.rocksBlockCache = BenchCluster.rocksMetricMax(s.streams(), "block-cache-usage");
                res.rocksTableReaders = BenchCluster.rocksMetric(s.streams(), "estimate-table-readers-mem");
            }
            BenchCluster.stop(s);
            Measured lim = ConsumerLimit.recordsPerSecond(cluster.bootstrap, from, to);
            double limit = lim.perSecond();
            res.limitPerSec.add(limit);
            res.limitCpuPerRecord.add(lim.cpuMicrosPerRecord("total"));
            res.ratio.add(eps / limit);
            if (Boolean.parseBoolean(System.getProperty("bench.floor", "true"))) {
                Measured floor = ArchitectureFloor.eventsPerSecond(cluster, cfg, from, to, TIMEOUT);
                res.floorPerSec.add(floor.perSecond());
                res.floorCpuPerEvent.add(floor.cpuMicrosPerRecord("total"));
                log("credentials %,d run %d: architecture floor %,.0f events/s (%.0f %% of the limit); CPU µs per event: %s",
                        credentials, r + 1, floor.perSecond(), 100 * floor.perSecond() / limit, floor.cpuLine());
            }
            log("credentials %,d run %d: pipeline %,.0f events/s, limit %,.0f records/s (%.0f %%)", credentials, r + 1, eps,
                    limit, 100 * eps / limit);
        }

        for (int r = 0; r < restoreRuns; r++) {
            BenchCluster.deleteRecursively(Path.of(cfg.stateDir()));
            long start = System.nanoTime();
            NhiDriftService s = NhiDriftService.start(cfg);
            String probe = LoadGenerator.credentialId(credentials - 1);
            BenchCluster.await(() -> answers(s, probe), TIMEOUT, "restored store answers");
            double secs = (System.nanoTime() - start) / 1e9;
            res.restoreSec.add(secs);
            BenchCluster.stop(s);
            log("credentials %,d: restore %.1f s", credentials, secs);
        }
        return res;
    }

    static boolean caughtUp(BenchCluster c, String group, String topic) {
        try {
            return c.caughtUp(group, topic);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean answers(NhiDriftService s, String credentialId) {
        if (s.streams().state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            ReadOnlyKeyValueStore<String, Object> store = s.streams().store(StoreQueryParameters
                    .fromNameAndType(Names.CREDENTIAL_STATE_STORE, QueryableStoreTypes.<String, Object>keyValueStore()));
            return store.get(credentialId) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void log(String fmt, Object... args) {
        System.err.println("[bench] " + String.format(java.util.Locale.ROOT, fmt, args));
    }
}
