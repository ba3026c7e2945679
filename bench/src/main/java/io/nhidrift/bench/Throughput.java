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
    /** A run whose pipeline processes nothing for this long has lost records: fail it. */
    private static final long STALL = 120_000L;

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
        /** Records processed (untimed) before the measured runs, and the JIT CPU µs per event in the last warm-up round. */
        long warmupRecords;
        double warmupJitMicros;
        Stats limitCpuPerRecord = new Stats();
        /** Pipeline / floor per accepted run. */
        Stats floorRatio = new Stats();
        /** Runs accepted and attempted (see {@link RunCheck}), and why each rejected run was rejected. */
        int accepted;
        int attempts;
        java.util.List<String> rejected = new java.util.ArrayList<>();
        /** Over all attempts: the 1-minute load average, and the largest share of the machine's CPU other processes took. */
        Stats loadAverage = new Stats();
        Stats foreignCpu = new Stats();
        /** Keys per store in the last run, and the stores' sizes on disk and in their changelogs after it. */
        Map<String, Double> storeKeys = Map.of();
        java.util.List<StateSize.Store> stateSize = java.util.List.of();
    }

    /** After this many attempts in a row rejected for load, a credential count stops: the machine is busy, more attempts waste it. */
    static final int BUSY_ATTEMPTS = 3;

    /** The warm-up ends when the JIT compiler threads spend at most this many µs of CPU per event in two runs in a row. */
    static final double JIT_SETTLED_MICROS = 5.0;

    private Throughput() {}

    /**
     * @param warmup records per warm-up round (see {@link #warmUp}); in a cold first run the JIT compiler threads alone
     *     took ~30 µs of CPU per event, and they kept compiling over the first ~1 M records
     */
    static Result run(BenchCluster cluster, int credentials, int events, int warmup, int warmupRounds, int runs, int maxAttempts,
            int restoreRuns) throws Exception {
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
        BenchCluster.await(() -> caughtUp(cluster, group, cfg.topics().inventory()), TIMEOUT, "inventory committed");
        BenchCluster.stop(svc);
        log("credentials %,d: inventory loaded at %,.0f/s", credentials, res.inventoryPerSec);
        warmUp(cluster, cfg, credentials, warmup, warmupRounds, res);

        LoadGenerator gen = new LoadGenerator(credentials, 7L * credentials);
        boolean withFloor = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));
        int busyInARow = 0;
        for (int attempt = 1; res.accepted < runs && attempt <= maxAttempts; attempt++) {
            Map<TopicPartition, Long> from = cluster.endOffsets(raw);
            Backlog run = backlogRun(cluster, cfg, gen, events, T0 + (attempt - 1) * 2 * 3_600_000L, 3_600_000.0 / events, s -> {
                res.heapRunning = BenchCluster.heapAfterGc();
                res.rocksMemtables = BenchCluster.rocksMetric(s.streams(), "size-all-mem-tables");
                res.rocksBlockCache = BenchCluster.rocksMetricMax(s.streams(), "block-cache-usage");
                res.rocksTableReaders = BenchCluster.rocksMetric(s.streams(), "estimate-table-readers-mem");
                res.storeKeys = StateSize.keys(s.streams());
            });
            res.rawBytes = run.bytes();
            Measured pipeline = run.measured();
            Map<TopicPartition, Long> to = cluster.endOffsets(raw);
            log("credentials %,d attempt %d: pipeline %,.0f events/s; CPU µs per event: %s", credentials, attempt,
                    pipeline.perSecond(), pipeline.cpuLine());
            ConsumerLimit.Passes lim = ConsumerLimit.recordsPerSecond(cluster.bootstrap, from, to);
            Measured floor = withFloor ? ArchitectureFloor.eventsPerSecond(cluster, cfg, from, to, TIMEOUT) : null;
            double limit = lim.best().perSecond();
            log("credentials %,d attempt %d: limit %,.0f records/s (other pass %,.0f)%s", credentials, attempt, limit,
                    lim.other().perSecond(), floor == null ? "" : String.format(java.util.Locale.ROOT,
                            ", floor %,.0f events/s; floor CPU µs per event: %s", floor.perSecond(), floor.cpuLine()));
            java.util.List<String> why = RunCheck.reasons(pipeline, lim, floor);
            res.loadAverage.add(pipeline.disturbance().loadAverage());
            res.foreignCpu.add(Math.max(pipeline.disturbance().foreignCpuShare(), lim.best().disturbance().foreignCpuShare()));
            if (!why.isEmpty()) {
                res.rejected.add("attempt " + attempt + ": " + String.join("; ", why));
                log("credentials %,d attempt %d REJECTED: %s", credentials, attempt, String.join("; ", why));
                busyInARow = why.stream().anyMatch(w -> w.startsWith("load:")) ? busyInARow + 1 : 0;
                if (busyInARow == BUSY_ATTEMPTS) {
                    res.rejected.add(String.format(java.util.Locale.ROOT, "stopped after %d attempts in a row rejected for load: "
                            + "the machine is busy (load average %.1f)", BUSY_ATTEMPTS, Disturbance.loadAverage()));
                    log("credentials %,d: %s", credentials, res.rejected.get(res.rejected.size() - 1));
                    break;
                }
                continue;
            }
            busyInARow = 0;
            res.accepted++;
            double eps = pipeline.perSecond();
            if (pipeline.cpuMs() != null) {
                pipeline.cpuMs().keySet().stream().filter(k -> !k.equals("wall"))
                        .forEach(k -> res.cpuPerEvent.computeIfAbsent(k, x -> new Stats()).add(pipeline.cpuMicrosPerRecord(k)));
            }
            res.eventsPerSec.add(eps);
            res.limitPerSec.add(limit);
            res.limitCpuPerRecord.add(lim.best().cpuMicrosPerRecord("total"));
            res.ratio.add(eps / limit);
            if (floor != null) {
                res.floorPerSec.add(floor.perSecond());
                res.floorCpuPerEvent.add(floor.cpuMicrosPerRecord("total"));
                res.floorRatio.add(eps / floor.perSecond());
            }
            log("credentials %,d attempt %d accepted: pipeline/limit %.2f%s", credentials, attempt, eps / limit,
                    floor == null ? "" : String.format(java.util.Locale.ROOT, ", pipeline/floor %.2f", eps / floor.perSecond()));
        }
        res.attempts = res.accepted + (int) res.rejected.stream().filter(r -> r.startsWith("attempt ")).count();
        res.stateSize = StateSize.measure(cluster, cfg, res.storeKeys);
        res.stateSize.forEach(st -> log("credentials %,d: %s: %,.0f keys, %s on disk (%.0f B per key), changelog %s in %,d records",
                credentials, st.name(), st.keys(), Report.mib(st.diskBytes()), st.diskBytesPerKey(), Report.mib(st.changelogBytes()),
                st.changelogRecords()));

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

    /**
     * Warm-up runs, not measured: runs exactly like the measured ones (a backlog of {@code round} records produced
     * while the pipeline is stopped, then processed by a freshly started pipeline) until the JIT compiler threads
     * spend at most {@link #JIT_SETTLED_MICROS} of CPU per event in two runs in a row (or {@code maxRounds} runs), so that the
     * measured runs time compiled code, as in a service that has been running for a while. (A warm-up with the
     * pipeline running continuously left the JIT recompiling in the first measured run after a restart.)
     */
    private static void warmUp(BenchCluster cluster, AppConfig cfg, int credentials, int round, int maxRounds, Result res)
            throws Exception {
        LoadGenerator warm = new LoadGenerator(credentials, 1);
        long span = 3_000_000L / maxRounds;
        int settled = 0;
        for (int k = 1; k <= maxRounds; k++) {
            Measured m = backlogRun(cluster, cfg, warm, round, T0 - 3_600_000L + (k - 1) * span, (double) span / round, s -> { })
                    .measured();
            double jit = m.cpuMicrosPerRecord("JIT compiler");
            res.warmupRecords += round;
            res.warmupJitMicros = jit;
            log("credentials %,d: warm-up run %d (%,d records, %,.0f events/s): JIT compiler %.1f µs per event", credentials, k,
                    round, m.perSecond(), jit);
            settled = jit <= JIT_SETTLED_MICROS ? settled + 1 : 0;
            if (m.cpuMs() == null || settled == 2) {
                return;
            }
        }
    }

    /**
     * One run: {@code n} raw records produced while the pipeline is stopped, then a pipeline started and timed from
     * RUNNING until its stream threads have processed every raw record and every resulting event; {@code beforeStop}
     * sees the running service; returns after the raw offsets are committed and the pipeline is stopped.
     */
    private static Backlog backlogRun(BenchCluster cluster, AppConfig cfg, LoadGenerator gen, int n, long from, double stepMs,
            java.util.function.Consumer<NhiDriftService> beforeStop) throws Exception {
        String raw = cfg.topics().rawByFormat().get("cloudtrail");
        long bytes = cluster.produceRaw(cfg, gen, n, from, stepMs);
        NhiDriftService s = BenchCluster.startAndAwaitRunning(cfg, TIMEOUT);
        // timed from the first record processed after RUNNING (the first fetches are set-up, as for the limit
        // consumer, which is timed from its first records); a stream thread whose tasks are assigned starts processing
        // before the instance as a whole is RUNNING: only what is processed from here on is timed (each event is
        // processed twice: raw record, then nhi.events)
        double atRunning = BenchCluster.processed(s.streams());
        BenchCluster.await(() -> BenchCluster.processed(s.streams()) > atRunning || atRunning >= 2.0 * n, TIMEOUT,
                "first record processed");
        long start = System.nanoTime();
        CpuAccount cpu = CpuAccount.available() ? CpuAccount.begin() : null;
        Disturbance dist = Disturbance.begin();
        double before = BenchCluster.processed(s.streams());
        BenchCluster.awaitCount(() -> BenchCluster.processed(s.streams()), 2.0 * n, STALL, TIMEOUT, "backlog processed");
        long done = System.nanoTime();
        long timed = Math.max(1, Math.round((2.0 * n - before) / 2));
        Measured m = new Measured(timed / ((done - start) / 1e9), timed, cpu == null ? null : cpu.end(), dist.end());
        if (before > 0.1 * n) {
            log("note: %,.0f of %,d records were processed before the instance was RUNNING (not timed)", before, 2 * n);
        }
        BenchCluster.await(() -> caughtUp(cluster, cfg.applicationId(), raw), TIMEOUT, "raw committed");
        beforeStop.accept(s);
        BenchCluster.stop(s);
        return new Backlog(m, bytes);
    }

    /** A timed backlog run and the raw bytes it produced. */
    private record Backlog(Measured measured, long bytes) {
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
