package io.nhidrift.bench;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hot key: one credential producing half of all traffic, against a uniform mix of the same size. Per mix, on one
 * instance with {@code num.stream.threads=2} and six partitions: the throughput of a backlog (records produced while
 * the pipeline is stopped, timed from RUNNING until every raw record and event is processed) and the alert latency at a
 * steady offered rate (as {@link Latency}: a unique out-of-scope call every {@value Latency#TRIGGER_EVERY} records, its
 * alert read with read_committed). One untimed backlog of the default mix first (JIT warm-up), then two backlog runs per
 * mix, alternating, so that neither mix is measured only first or only second. The hot credential's partition is processed by one stream thread, whatever the
 * partition count: its events must be applied in order by the one task that holds its state.
 *
 * <p>{@code java -cp bench/target/nhi-drift-bench.jar io.nhidrift.bench.HotKey [credentials] [backlog] [rate] [seconds]}
 * prints one markdown table row per mix.
 */
public final class HotKey {

    static final int PARTITIONS = 6;

    private HotKey() {
    }

    public static void main(String[] args) throws Exception {
        int credentials = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 5_000;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        Path work = Files.createTempDirectory("nhi-drift-hotkey-");
        List<LoadGenerator.Mix> mixes = List.of(LoadGenerator.Mix.UNIFORM, LoadGenerator.Mix.HOT_KEY);
        Map<LoadGenerator.Mix, List<String>> backlogs = new java.util.EnumMap<>(LoadGenerator.Mix.class);
        Map<LoadGenerator.Mix, String> latencies = new java.util.EnumMap<>(LoadGenerator.Mix.class);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                BenchCluster cluster = new BenchCluster(kafka.bootstrapServers(), true, work)) {
            // untimed: the first run in a JVM pays for the JIT compiling the per-event path
            double warm = backlogPerSecond(cluster, LoadGenerator.Mix.HOT_TENTH, credentials, backlog);
            Throughput.log("warm-up backlog (not reported): %,.0f events/s", warm);
            for (int round = 0; round < 2; round++) {
                for (LoadGenerator.Mix mix : mixes) {
                    double perSec = backlogPerSecond(cluster, mix, credentials, backlog);
                    String load = loadAverage();
                    Throughput.log("%s: backlog of %,d records at %,.0f events/s (load %s)", mix, backlog, perSec, load);
                    backlogs.computeIfAbsent(mix, m -> new ArrayList<>())
                            .add(String.format(Locale.ROOT, "%,.0f (load %s)", perSec, load));
                }
            }
            for (LoadGenerator.Mix mix : mixes) {
                Latency.Result l = Latency.run(cluster, credentials, rate, seconds, 1, mix,
                        sixPartitions(cluster.newConfig("hot-lat-" + mix.name().toLowerCase(Locale.ROOT))));
                String load = loadAverage();
                latencies.put(mix, String.format(Locale.ROOT, "%,.0f/s | %.0f ms | %.0f ms | %.0f ms | %d | %s", l.achievedRate.median(),
                        l.samples.median(), l.samples.pct(99), l.samples.max(), l.samples.n(), load));
            }
        } finally {
            BenchCluster.deleteRecursively(work);
        }
        System.out.printf(Locale.ROOT, "%,d credentials, backlog %,d records, latency at %,.0f/s for %.0f s%n%n", credentials, backlog,
                rate, seconds);
        System.out.println("| mix | backlog events/s, run 1 | run 2 | achieved rate | p50 alert latency | p99 | max | alerts | load avg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (LoadGenerator.Mix mix : mixes) {
            System.out.println("| " + mix + " | " + String.join(" | ", backlogs.get(mix)) + " | " + latencies.get(mix) + " |");
        }
        System.exit(0);
    }

    /** A backlog produced while the pipeline is stopped, timed from RUNNING until every record and event is processed. */
    static double backlogPerSecond(BenchCluster cluster, LoadGenerator.Mix mix, int credentials, int backlog) throws Exception {
        AppConfig cfg = sixPartitions(cluster.newConfig("hot-" + mix.name().toLowerCase(Locale.ROOT)));
        cluster.createTopics(cfg);
        long now = System.currentTimeMillis();
        cluster.produceInventory(cfg, credentials, now - 200 * Throughput.DAY, now - 2 * Throughput.DAY);
        NhiDriftService svc = BenchCluster.startAndAwaitRunning(cfg, 300_000);
        BenchCluster.await(() -> BenchCluster.processed(svc.streams()) >= credentials, 300_000, "inventory processed");
        BenchCluster.stop(svc);
        cluster.produceRaw(cfg, new LoadGenerator(credentials, 7, mix), backlog, now - Throughput.DAY, 3_600_000.0 / backlog);
        NhiDriftService s = BenchCluster.startAndAwaitRunning(cfg, 300_000);
        long t0 = System.nanoTime();
        BenchCluster.awaitCount(() -> BenchCluster.processed(s.streams()), 2.0 * backlog, 120_000, 1_800_000, "backlog processed");
        double perSec = backlog / ((System.nanoTime() - t0) / 1e9);
        BenchCluster.stop(s);
        return perSec;
    }

    private static AppConfig sixPartitions(AppConfig cfg) {
        return cfg.with(Map.of("topics.partitions", Integer.toString(PARTITIONS)));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
