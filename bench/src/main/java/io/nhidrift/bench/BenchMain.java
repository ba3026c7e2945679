package io.nhidrift.bench;

import io.nhidrift.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark harness behind {@code scripts/bench}:
 * {@code java -cp bench/target/nhi-drift-bench.jar io.nhidrift.bench.BenchMain [--quick] [--bootstrap-servers HOST:PORT]
 * [--out docs/BENCHMARKS.md] [--jmh-csv FILE] [--command "..."] [--only throughput,latency,punctuation,replay]}.
 * Measures, never asserts; writes the figures to the generated part of the report.
 */
public final class BenchMain {

    private static final io.nhidrift.config.AppConfig DEFAULTS = io.nhidrift.config.AppConfig.defaults();

    private BenchMain() {}

    /** Sizes and repetitions of one mode. */
    /**
     * Sizes and repetitions of one mode. {@code runs} accepted runs (see {@link RunCheck}) are wanted at the first
     * credential count, {@code laterRuns} at the others; a rejected run is measured again, up to {@code maxAttempts}
     * attempts at the first credential count and {@code laterAttempts} at the others.
     */
    record Plan(String name, int[] sizes, int events, int warmup, int warmupRounds, int runs, int laterRuns, int maxAttempts, int laterAttempts,
            int restoreAt, int restoreRuns, double latencySeconds, int latencyRuns,
            int punctuationCredentials, int punctuationRuns, int[] replayEvents) {
        static Plan quick() {
            return new Plan("quick", new int[] {10_000, 100_000}, 80_000, 30_000, 10, 3, 1, 8, 2, 0, 1, 6, 1, 100_000, 2,
                    new int[] {100_000});
        }

        static Plan full() {
            return new Plan("full", new int[] {10_000, 100_000, 1_000_000}, 250_000, 100_000, 12, 3, 3, 6, 6, 1, 3, 20, 3, 1_000_000, 3,
                    new int[] {100_000, 1_000_000, 10_000_000});
        }
    }

    /** Offered rates of the latency measurement: the target's 10 k events/s, and twice that (reported). */
    static final double[] LATENCY_RATES = {10_000, 20_000};

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String bootstrap = null;
        Path out = Path.of("docs/BENCHMARKS.md");
        Path jmhCsv = null;
        String command = "scripts/bench";
        Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--bootstrap-servers" -> bootstrap = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--jmh-csv" -> jmhCsv = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: BenchMain [--quick] [--bootstrap-servers HOST:PORT] [--out FILE] [--jmh-csv FILE]"
                            + " [--command TEXT] [--only throughput,latency,punctuation,replay]");
                    System.exit(2);
                }
            }
        }
        Plan plan = quick ? Plan.quick() : Plan.full();
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("nhi-drift-bench-");
        EmbeddedKafka kafka = null;
        List<Throughput.Result> sizes = new ArrayList<>();
        List<Latency.Result> latency = new ArrayList<>();
        PunctuationCost.Result punct = null;
        ReplayThroughput.Result replay = null;
        boolean embedded = bootstrap == null;
        boolean needsKafka = only == null || only.contains("throughput") || only.contains("latency");
        try {
            if (needsKafka && bootstrap == null) {
                kafka = EmbeddedKafka.start();
                kafka.releaseShutdownHook();
                bootstrap = kafka.bootstrapServers();
            }
            if (needsKafka) {
                try (BenchCluster cluster = new BenchCluster(bootstrap, kafka != null, work)) {
                    if (only == null || only.contains("throughput")) {
                        int[] counts = System.getProperty("bench.sizes") == null ? plan.sizes()
                                : java.util.Arrays.stream(System.getProperty("bench.sizes").split(",")).mapToInt(Integer::parseInt).toArray();
                        for (int s = 0; s < counts.length; s++) {
                            int c = counts[s];
                            sizes.add(Throughput.run(cluster, c, Integer.getInteger("bench.events", plan.events()),
                                    Integer.getInteger("bench.warmup", plan.warmup()),
                                    Integer.getInteger("bench.warmup.rounds", plan.warmupRounds()),
                                    Integer.getInteger("bench.runs", s == 0 ? plan.runs() : plan.laterRuns()),
                                    Integer.getInteger("bench.attempts", s == 0 ? plan.maxAttempts() : plan.laterAttempts()),
                                    s == plan.restoreAt() && !Boolean.getBoolean("bench.no-restore") ? plan.restoreRuns() : 0));
                        }
                    }
                    if (only == null || only.contains("latency")) {
                        for (double rate : LATENCY_RATES) {
                            latency.add(Latency.run(cluster, 10_000, rate, plan.latencySeconds(), plan.latencyRuns()));
                        }
                    }
                }
            }
            if (kafka != null) {
                kafka.close(); // punctuation and replay need no broker: it would only share the machine with them
                kafka = null;
            }
            if (only == null || only.contains("punctuation")) {
                punct = PunctuationCost.run(plan.punctuationCredentials(), plan.punctuationRuns(), work);
            }
            if (only == null || only.contains("replay")) {
                int[] replaySizes = System.getProperty("bench.replay.sizes") == null ? plan.replayEvents()
                        : java.util.Arrays.stream(System.getProperty("bench.replay.sizes").split(",")).mapToInt(Integer::parseInt).toArray();
                replay = ReplayThroughput.run(replaySizes, work);
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            BenchCluster.deleteRecursively(work);
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        Report r = write(plan, command, embedded, sizes, latency, punct, replay, jmhCsv, minutes);
        r.writeTo(out);
        System.err.println("[bench] wrote " + out + " (" + String.format(Locale.ROOT, "%.1f", minutes) + " min)");
        if (!sizes.isEmpty()) {
            RatioLine.print(sizes.get(0), System.out);
        }
        System.exit(0);
    }

    private static Report write(Plan plan, String command, boolean embedded, List<Throughput.Result> sizes,
            List<Latency.Result> lats, PunctuationCost.Result punct, ReplayThroughput.Result replay, Path jmhCsv, double minutes)
            throws Exception {
        Report r = new Report();
        r.line("## Latest results (" + plan.name() + " mode)");
        r.line("");
        r.f("Generated %s by `%s` in %.1f min, against %s. Figures are **median (min – max, runs)**.",
                Instant.now().toString().substring(0, 19) + "Z", command, minutes,
                embedded ? "the embedded single-node broker (same JVM, same machine)" : "an external cluster");
        r.line("");
        r.line("### Machine");
        r.line("");
        r.line(Report.machine());
        r.line("");
        r.f("Pipeline configuration: production defaults (`processing.guarantee=exactly_once_v2`, every detector on, "
                + "commit interval 100 ms, record cache `store.cache.bytes` %s for the time index), %d partitions per topic, `num.stream.threads=%d`, "
                + "RocksDB bounded by `rocksdb.cache.bytes` %s incl. memtables ≤ `rocksdb.memtable.bytes` %s.",
                DEFAULTS.get(io.nhidrift.config.ConfigKey.STORE_CACHE), BenchCluster.PARTITIONS, BenchCluster.STREAM_THREADS,
                DEFAULTS.get(io.nhidrift.config.ConfigKey.ROCKSDB_CACHE), DEFAULTS.get(io.nhidrift.config.ConfigKey.ROCKSDB_MEMTABLE));
        r.line("");

        r.line("### Targets");
        r.line("");
        r.line("| target | measured | verdict |");
        r.line("|---|---|---|");
        if (!sizes.isEmpty()) {
            Throughput.Result ref = sizes.get(0);
            double ratio = ref.ratio.median();
            r.f("| throughput ≥ 50 %% of the limit (same run, same topic) | %s events/s = %.0f %% of %s records/s (%,d credentials) | %s |",
                    Stats.num(ref.eventsPerSec.median()), 100 * ratio, Stats.num(ref.limitPerSec.median()), ref.credentials,
                    ratio >= 0.5 ? "met" : "**not met**");
            for (Throughput.Result t : sizes) {
                if (t.floorRatio.n() > 0 && (t == ref || t == sizes.get(sizes.size() - 1))) {
                    r.f("| pipeline ≥ 0.75 of the architecture floor (same records, same run), %,d credentials | %.2f (%.2f – %.2f, %d runs): "
                            + "%s events/s against %s | %s |", t.credentials, t.floorRatio.median(), t.floorRatio.min(), t.floorRatio.max(),
                            t.floorRatio.n(), Stats.num(t.eventsPerSec.median()), Stats.num(t.floorPerSec.median()),
                            t.floorRatio.median() >= 0.75 ? "met" : "**not met**");
                }
            }
        }
        for (Latency.Result lat : lats) {
            double p99 = lat.samples.pct(99);
            r.f("| p99 alert latency ≤ 1 s at %s events/s%s | p99 %.0f ms (pooled, %d alerts) at %s events/s achieved | %s |",
                    Stats.num(lat.offeredRate), lat.offeredRate > 10_000 ? " (reported)" : "", p99,
                    lat.samples.n(), Stats.num(lat.achievedRate.median()),
                    p99 <= 1000 && lat.achievedRate.median() >= 0.95 * lat.offeredRate ? "met" : "**not met**");
        }
        if (sizes.size() > 1) {
            Throughput.Result a = sizes.get(0);
            Throughput.Result b = sizes.get(sizes.size() - 1);
            double fall = a.eventsPerSec.median() / b.eventsPerSec.median();
            double heap = (b.heapRunning) / (1024.0 * 1024 * 1024);
            r.f("| %,d → %,d credentials: per-event throughput falls ≤ 1.5×, heap ≤ 1 GiB, RocksDB bounded | falls %.2f×; heap after GC %.2f GiB "
                    + "(whole JVM incl. broker); RocksDB memtables %s + block cache %s (bound %s) | %s |",
                    a.credentials, b.credentials, fall, heap, Report.mib(b.rocksMemtables), Report.mib(b.rocksBlockCache),
                    Report.mib(DEFAULTS.rocksDbCacheBytes()),
                    fall <= 1.5 && heap <= 1.0 ? "met" : "**not met**");
        }
        if (punct != null) {
            double ratio = punct.largeMs.median() / punct.smallMs.median();
            r.f("| punctuation cost ∝ due credentials | %,d due: %.1f ms; %,d due: %.1f ms; ratio %.0f× (nothing due: %.2f ms) | %s |",
                    punct.smallDue, punct.smallMs.median(), punct.largeDue, punct.largeMs.median(), ratio,
                    punct.emptyMs.median(), ratio >= 10 ? "met" : "**not met**");
        }
        r.line("");

        if (!sizes.isEmpty()) {
            r.line("### 1, 2, 4. Throughput with the backlog pre-loaded, the limit, and how cost grows");
            r.line("");
            r.f("N = %,d raw CloudTrail records per run (%.2f KB each on average), produced while the pipeline is stopped; the pipeline is "
                    + "then started and timed from its first record processed after RUNNING until its threads have processed all of them "
                    + "twice (normalize on the raw topic, detect on `nhi.events`); records processed before that instant are not "
                    + "counted. The limit reads the same records with a plain consumer and Jackson `readTree`, after the pipeline run, "
                    + "timed from the end of its first non-empty poll (consumer set-up and first fetch excluded, like the pipeline's). The inventory (one version per credential) is loaded before the first run. "
                    + "Before the measured runs of each size, warm-up runs (untimed, otherwise identical) continue until the JIT compiler threads "
                    + "spend at most %.0f µs of CPU per event in two runs in a row: %s.",
                    sizes.get(0).events, sizes.get(0).rawBytes / 1024.0 / sizes.get(0).events, Throughput.JIT_SETTLED_MICROS,
                    String.join("; ", sizes.stream().map(t -> String.format(Locale.ROOT, "%,d credentials %,d records (JIT %.1f µs per event in the last run)",
                            t.credentials, t.warmupRecords, t.warmupJitMicros)).toList()));
            r.line("");
            r.line("| credentials | pipeline events/s | limit records/s | pipeline / limit | architecture floor events/s | pipeline / floor | runs accepted / attempted | inventory load records/s | heap after GC (baseline → with pipeline) | RocksDB memtables / block cache / table readers | restore from changelog |");
            r.line("|---|---|---|---|---|---|---|---|---|---|---|");
            for (Throughput.Result t : sizes) {
                r.f("| %,d | %s | %s | %s | %s | %s | %d / %d | %s | %s → %s | %s / %s / %s | %s |", t.credentials, t.eventsPerSec.fmt(), t.limitPerSec.fmt(),
                        pctFmt(t.ratio), t.floorPerSec.n() == 0 ? "—" : t.floorPerSec.fmt(), fractionFmt(t.floorRatio), t.accepted, t.attempts,
                        Stats.num(t.inventoryPerSec), Report.mib(t.heapBaseline), Report.mib(t.heapRunning),
                        Report.mib(t.rocksMemtables), Report.mib(t.rocksBlockCache), Report.mib(t.rocksTableReaders),
                        t.restoreSec.n() == 0 ? "—" : t.restoreSec.fmt("%.1f s") + " for " + String.format(Locale.ROOT, "%,d", t.credentials)
                                + " credentials");
            }
            r.line("");
            r.line("Heap is the whole bench JVM (embedded broker, producers and the pipeline) after `System.gc()`; the baseline "
                    + "is taken after the inventory was produced, before the pipeline starts. RocksDB figures are the sums of "
                    + "the stores' `size-all-mem-tables`, `block-cache-usage` (one shared cache: the largest value reported by a store) and "
                    + "`estimate-table-readers-mem` metrics. The architecture floor (`ArchitectureFloor`) is a minimal Kafka "
                    + "Streams application of the same shape and settings with none of nhi-drift's code: Jackson `readTree` of each raw "
                    + "record, re-key by access key id through a repartition topic, a per-credential count in a cached, changelogged "
                    + "RocksDB store, exactly-once v2, same threads; it runs on the same records after the limit.");
            r.line("");
            r.f("A run (pipeline, limit, floor on the same records) is rejected and measured again, up to %d attempts at the first credential count and %d at the others, "
                    + "when a measurement was timed over fewer than %,d records or %.2f s, other processes took more than %.0f %% of the "
                    + "machine's CPU during it, GC pauses took more than %.0f %% of its wall time, the JIT compiler threads spent more than "
                    + "%.0f µs of CPU per event (pipeline, floor), the limit came out below the floor or the floor below the pipeline, or the "
                    + "limit's two timed passes differ by more than %.0f %% (`RunCheck`). Load average during the runs: %s.",
                    Integer.getInteger("bench.attempts", plan.maxAttempts()), Integer.getInteger("bench.attempts", plan.laterAttempts()),
                    RunCheck.MIN_RECORDS, RunCheck.MIN_SECONDS,
                    100 * RunCheck.MAX_FOREIGN_CPU, 100 * RunCheck.MAX_GC_SHARE, Throughput.JIT_SETTLED_MICROS,
                    100 * RunCheck.MAX_LIMIT_DISAGREEMENT, String.join("; ", sizes.stream().map(t -> String.format(Locale.ROOT,
                            "%,d credentials %s (other processes' CPU share up to %.0f %%)", t.credentials, t.loadAverage.fmt(),
                            100 * t.foreignCpu.max())).toList()));
            r.line("");
            for (Throughput.Result t : sizes) {
                for (String why : t.rejected) {
                    r.f("- rejected, %,d credentials, %s", t.credentials, why);
                }
            }
            if (sizes.stream().anyMatch(t -> !t.rejected.isEmpty())) {
                r.line("");
            }
            if (!sizes.get(0).stateSize.isEmpty()) {
                r.line("State per credential, after the last run of each size (input to the sizing section): keys per store "
                        + "(counted through an interactive query while running), RocksDB files on disk after the pipeline stopped, and the "
                        + "changelog on the broker (not necessarily compacted yet: records written and bytes per record).");
                r.line("");
                r.line("| credentials | store | keys | RocksDB on disk | bytes per key | changelog bytes / records | bytes per changelog record |");
                r.line("|---|---|---|---|---|---|---|");
                for (Throughput.Result t : sizes) {
                    for (StateSize.Store st : t.stateSize) {
                        r.f("| %,d | `%s` | %,.0f | %s | %s | %s / %,d | %s |", t.credentials, st.name(), st.keys(), Report.mib(st.diskBytes()),
                                Stats.num(st.diskBytesPerKey()), Report.mib(st.changelogBytes()), st.changelogRecords(),
                                Stats.num(st.changelogBytesPerRecord()));
                    }
                }
                r.line("");
            }
            if (!sizes.get(0).cpuPerEvent.isEmpty()) {
                r.line("Where the CPU goes: CPU µs per event of this JVM's threads during the timed interval (`/proc/self/task`, "
                        + "grouped by thread name), median of runs; the floor and the limit as totals on the same records.");
                r.line("");
                java.util.Set<String> groups = new java.util.TreeSet<>();
                sizes.forEach(t -> groups.addAll(t.cpuPerEvent.keySet()));
                groups.remove("total");
                StringBuilder head = new StringBuilder("| credentials |");
                StringBuilder rule = new StringBuilder("|---|");
                for (String g : groups) {
                    head.append(' ').append(g).append(" |");
                    rule.append("---|");
                }
                head.append(" pipeline total | floor total | limit total |");
                rule.append("---|---|---|");
                r.line(head.toString());
                r.line(rule.toString());
                for (Throughput.Result t : sizes) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d |", t.credentials));
                    for (String g : groups) {
                        Stats st = t.cpuPerEvent.get(g);
                        row.append(st == null ? " — |" : String.format(Locale.ROOT, " %.1f |", st.median()));
                    }
                    Stats total = t.cpuPerEvent.get("total");
                    row.append(String.format(Locale.ROOT, " **%.1f** | %s | %s |", total == null ? 0 : total.median(),
                            t.floorCpuPerEvent.n() == 0 ? "—" : String.format(Locale.ROOT, "%.1f", t.floorCpuPerEvent.median()),
                            t.limitCpuPerRecord.n() == 0 ? "—" : String.format(Locale.ROOT, "%.1f", t.limitCpuPerRecord.median())));
                    r.line(row.toString());
                }
                r.line("");
            }
        }
        if (!lats.isEmpty()) {
            Latency.Result first = lats.get(0);
            r.line("### 3. End-to-end alert latency");
            r.line("");
            r.f("Offered rate for %.0f s per run (after a 3 s warm-up) with %,d inventoried credentials; one record in %d "
                    + "performs a unique out-of-scope action (one OUT_OF_SCOPE_USE each). Latency = time the alert is read on "
                    + "`nhi.alerts.json` (read_committed) − time the record was handed to the producer.",
                    first.seconds, first.credentials, Latency.TRIGGER_EVERY);
            r.line("");
            r.line("| offered events/s | achieved events/s | alerts measured | p50 ms | p99 ms | max ms | pooled p50 / p99 / max ms | alerts not seen |");
            r.line("|---|---|---|---|---|---|---|---|");
            for (Latency.Result lat : lats) {
                r.f("| %,.0f | %s | %d | %s | %s | %s | %.0f / %.0f / %.0f | %d |", lat.offeredRate, lat.achievedRate.fmt(), lat.samples.n(),
                        lat.p50.fmt(), lat.p99.fmt(), lat.max.fmt(), lat.samples.median(), lat.samples.pct(99), lat.samples.max(),
                        lat.missing);
            }
            r.line("");
        }
        if (punct != null) {
            r.line("### 5. Cost of one wall-clock punctuation");
            r.line("");
            r.f("Production topology under TopologyTestDriver, RocksDB stores on disk, %,d credentials (inventory + one use each, "
                    + "loaded in %.0f s); `detect.allowed-lateness=0s`, `detect.punctuate.interval=1s`. Event time stays below every "
                    + "due time; only the wall clock advances, to cover exactly the next n idle checks. Timed: "
                    + "`advanceWallClockTime` (the punctuation and the commit that follows).",
                    punct.credentials, punct.loadSeconds);
            r.line("");
            r.line("| due credentials | ms per punctuation | µs per due credential | IDLE_CREDENTIAL alerts |");
            r.line("|---|---|---|---|");
            r.f("| 0 (nothing due) | %s | — | 0 |", punct.emptyMs.fmt());
            r.f("| %,d (0.01 %%) | %s | %.0f | %d |", punct.smallDue, punct.smallMs.fmt(), 1000 * punct.smallMs.median() / punct.smallDue,
                    punct.alertsSmall);
            r.f("| %,d (1 %%) | %s | %.0f | %d |", punct.largeDue, punct.largeMs.fmt(), 1000 * punct.largeMs.median() / punct.largeDue,
                    punct.alertsLarge);
            r.line("");
            r.f("Ratio 1 %% / 0.01 %%: %.0f× (of medians).", punct.largeMs.median() / punct.smallMs.median());
            r.line("");
        }
        if (replay != null) {
            r.line("### 7. `replay` at growing sizes");
            r.line("");
            r.f("`java %s -cp … io.nhidrift.cli.Main replay --inventory … --input cloudtrail=… --input gcp-audit=… --input k8s-audit=… "
                    + "--input kong=… --alerts FILE` in a child JVM (`-XX:+ExitOnOutOfMemoryError`, `-Xlog:gc`), end to end: read, "
                    + "normalize, order, detect, write, JVM start included; `replay.threads` at its default (one per processor: "
                    + Runtime.getRuntime().availableProcessors() + " here). Worlds: `ReplayWorld` (seed %d: 90 days, 40 %% CloudTrail "
                    + "S3 deliveries gzipped, 20 %% GCP audit, 25 %% Kubernetes audit, 15 %% Kong; its inventory), generated once under "
                    + "`%s` and reused. Heap after GC: the largest and the last occupancy after a GC pause in the child's GC log "
                    + "(it includes old garbage G1 has not collected yet: G1 uses the heap it is given); live heap: the total of "
                    + "`jcmd PID GC.class_histogram` (a full GC, then reachable objects only) once detection is half done (read "
                    + "from the child's `--progress` lines; that one full GC is in the wall time); peak RSS: `VmHWM` of the "
                    + "child, read every 200 ms.", ReplayThroughput.HEAP, ReplayWorldCache.SEED,
                    ReplayWorldCache.root());
            r.line("");
            r.f("CPU s: the child's CPU time (all threads, `ProcessHandle` read every 200 ms), which the machine's load does not "
                    + "change — on a shared machine compare events per CPU s, not events/s. Load average after each replay: %s.",
                    replay.loadAverage.fmt());
            r.line("");
            r.line("| events | on disk, files | outcome | wall s | events/s | CPU s | events per CPU s | heap after GC, max / last | live heap in detection | peak RSS | alerts |");
            r.line("|---|---|---|---|---|---|---|---|---|---|---|");
            for (ReplayThroughput.Row row : replay.rows) {
                if (Double.isNaN(row.seconds())) {
                    r.f("| %,d | — | %s | — | — | — | — | — | — | — | — |", row.events(), row.outcome());
                    continue;
                }
                r.f("| %,d | %s in %,d | %s | %.1f | %s | %.0f | %s | %d / %d MiB | %s | %d MiB | %,d |", row.events(), Report.mib(row.bytes()), row.files(),
                        row.outcome(), row.seconds(), row.ok() ? Stats.num(row.eventsPerSec()) : "—", row.cpuSeconds(),
                        row.ok() ? Stats.num(row.eventsPerCpuSec()) : "—", row.maxHeapAfterGcMiB(),
                        row.lastHeapAfterGcMiB(), row.liveHeapMiB() > 0 ? row.liveHeapMiB() + " MiB" : "—", row.peakRssKiB() / 1024,
                        row.alerts());
            }
            List<ReplayThroughput.Row> ok = replay.rows.stream().filter(ReplayThroughput.Row::ok).toList();
            if (ok.size() > 1) {
                ReplayThroughput.Row a = ok.get(0);
                ReplayThroughput.Row b = ok.get(ok.size() - 1);
                r.line("");
                r.f("Growth %,d → %,d events (×%.0f): time ×%.1f, CPU ×%.1f, heap after GC (max) ×%.1f, live heap ×%s, peak RSS ×%.1f.", a.events(), b.events(),
                        (double) b.events() / a.events(), b.seconds() / a.seconds(), b.cpuSeconds() / a.cpuSeconds(),
                        (double) b.maxHeapAfterGcMiB() / Math.max(1, a.maxHeapAfterGcMiB()),
                        a.liveHeapMiB() > 0 && b.liveHeapMiB() > 0 ? String.format(Locale.ROOT, "%.1f", (double) b.liveHeapMiB() / a.liveHeapMiB()) : "—",
                        (double) b.peakRssKiB() / Math.max(1, a.peakRssKiB()));
            }
            r.line("");
        }
        if (jmhCsv != null && Files.exists(jmhCsv)) {
            r.line("### JMH microbenchmarks (`HotPathBenchmarks`)");
            r.line("");
            r.line("Score ± error is JMH's 99.9 % confidence interval over the measurement iterations.");
            r.line("");
            r.line("| benchmark | mode | iterations | score | ± error | unit |");
            r.line("|---|---|---|---|---|---|");
            List<String> lines = Files.readAllLines(jmhCsv);
            for (String l : lines.subList(1, lines.size())) {
                String[] c = l.replace("\"", "").split(",");
                if (c.length >= 7) {
                    r.f("| %s | %s | %s | %s | %s | %s |", c[0].replace("io.nhidrift.bench.", ""), c[1], c[3],
                            Stats.num(Double.parseDouble(c[4])), Stats.num(Double.parseDouble(c[5])), c[6]);
                }
            }
            r.line("");
        }
        return r;
    }

    private static String fractionFmt(Stats s) {
        if (s.n() == 0) {
            return "—";
        }
        String m = String.format(Locale.ROOT, "%.2f", s.median());
        return s.n() == 1 ? m : m + String.format(Locale.ROOT, " (%.2f – %.2f)", s.min(), s.max());
    }

    private static String pctFmt(Stats s) {
        if (s.n() == 0) {
            return "n/a";
        }
        String m = String.format(Locale.ROOT, "%.0f %%", 100 * s.median());
        return s.n() == 1 ? m : m + String.format(Locale.ROOT, " (%.0f – %.0f %%)", 100 * s.min(), 100 * s.max());
    }
}
