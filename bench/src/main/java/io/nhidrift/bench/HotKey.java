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
 * alert read with read_committed). The hot credential's partition is processed by one stream thread, whatever the
 * partition count: its events must be applied in order by the one task that holds its state.
 *
 * <p>{@code java -cp bench/target/nhi-drift-bench.jar io.nhidrift.bench.HotKey [credentials] [backlog] [rate] [seconds]}
 * prints one markdown table row per mix.
 */
public final class HotKey {

    static final int PARTITIONS = 6;

    record Result(LoadGenerator.Mix mix, double backlogPerSec, String backlogLoad, Latency.Result latency, String latencyLoad) {}

    private HotKey() {
    }

    public static void main(String[] args) throws Exception {
        int credentials = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 5_000;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        Path work = Files.createTempDirectory("nhi-drift-hotkey-");
        List<Result> results = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                BenchCluster cluster = new BenchCluster(kafka.bootstrapServers(), true, work)) {
            for (LoadGenerator.Mix mix : List.of(LoadGenerator.Mix.UNIFORM, LoadGenerator.Mix.HOT_KEY)) {
                results.add(run(cluster, mix, credentials, backlog, rate, seconds));
            }
        } finally {
            BenchCluster.deleteRecursively(work);
        }
        System.out.println("| mix | backlog throughput (events/s) | load avg | offered rate | achieved | p50 alert latency | p99 | max | alerts | load avg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            Latency.Result l = r.latency();
            System.out.println(String.format(Locale.ROOT, "| %s | %,.0f | %s | %,.0f/s | %,.0f/s | %.0f ms | %.0f ms | %.0f ms | %d | %s |",
                    r.mix(), r.backlogPerSec(), r.backlogLoad(), l.offeredRate, l.achievedRate.median(), l.samples.median(),
                    l.samples.pct(99), l.samples.max(), l.samples.n(), r.latencyLoad()));
        }
        System.exit(0);
    }

    static Result run(BenchCluster cluster, LoadGenerator.Mix mix, int credentials, int backlog, double rate, double seconds)
            throws Exception {
        AppConfig cfg = sixPartitions(cluster.newConfig("hot-" + mix.name().toLowerCase(Locale.ROOT)));
        cluster.createTopics(cfg);
        long now = System.currentTimeMillis();
        cluster.produceInventory(cfg, credentials, now - 200 * Throughput.DAY, now - 2 * Throughput.DAY);
        NhiDriftService svc = BenchCluster.startAndAwaitRunning(cfg, 300_000);
        BenchCluster.await(() -> BenchCluster.processed(svc.streams()) >= credentials, 300_000, "inventory processed");
        BenchCluster.stop(svc);
        LoadGenerator gen = new LoadGenerator(credentials, 7, mix);
        cluster.produceRaw(cfg, gen, backlog, now - Throughput.DAY, 3_600_000.0 / backlog);
        NhiDriftService s = BenchCluster.startAndAwaitRunning(cfg, 300_000);
        long t0 = System.nanoTime();
        BenchCluster.awaitCount(() -> BenchCluster.processed(s.streams()), 2.0 * backlog, 120_000, 1_800_000, "backlog processed");
        double perSec = backlog / ((System.nanoTime() - t0) / 1e9);
        String backlogLoad = loadAverage();
        BenchCluster.stop(s);
        Throughput.log("%s: backlog of %,d records at %,.0f events/s (load %s)", mix, backlog, perSec, backlogLoad);
        Latency.Result lat = Latency.run(cluster, credentials, rate, seconds, 1, mix,
                sixPartitions(cluster.newConfig("hot-lat-" + mix.name().toLowerCase(Locale.ROOT))));
        String latencyLoad = loadAverage();
        Throughput.log("%s: p99 alert latency %.0f ms at %,.0f/s (load %s)", mix, lat.samples.pct(99), rate, latencyLoad);
        return new Result(mix, perSec, backlogLoad, lat, latencyLoad);
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
