package io.nhidrift.bench;

import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.topics.AppTopics;
import io.nhidrift.topology.TopologyFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Measurement 5: the cost of one wall-clock punctuation of the production topology (RocksDB stores on
 * disk, under TopologyTestDriver) with C credentials when 0.01 % vs 1 % of them are due.
 *
 * <p>Credential i becomes known (inventory asOf) and is used once at {@code BASE + i s}; with
 * {@code detect.idle.after=30d} its idle check is due at {@code BASE + i s + 30 d}, after every event time,
 * so event-time sweeps never reach it. The wall clock then advances to exactly cover the next n due
 * credentials, and {@code advanceWallClockTime} (one punctuation, plus the commit that follows it) is timed.
 */
final class PunctuationCost {
    static final long BASE = Throughput.T0;
    static final long IDLE = 30 * Throughput.DAY;

    static final class Result {
        int credentials;
        double loadSeconds;
        int smallDue;
        int largeDue;
        Stats smallMs = new Stats();
        Stats largeMs = new Stats();
        Stats ratio = new Stats();
        long alertsSmall;
        long alertsLarge;
        Stats emptyMs = new Stats();
    }

    private PunctuationCost() {}

    static Result run(int credentials, int runs, Path workDir) throws Exception {
        Result res = new Result();
        res.credentials = credentials;
        res.smallDue = Math.max(1, credentials / 10_000);
        res.largeDue = Math.max(1, credentials / 100);
        AppConfig cfg = AppConfig.from(Map.of("detect.allowed-lateness", "0s", "detect.punctuate.interval", "1s",
                "detect.idle.after", "30d"));
        AppSerdes serdes = AppSerdes.create(null);
        Path stateDir = Files.createTempDirectory(workDir, "punct");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-punctuation");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "bench:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "io.nhidrift.app.BoundedRocksDbConfig");
        long wall = BASE + (long) credentials * 1000 + 1000;
        try (TopologyTestDriver d = new TopologyTestDriver(TopologyFactory.build(cfg, serdes), props, Instant.ofEpochMilli(wall))) {
            AppTopics topics = AppTopics.of(cfg, serdes);
            TestInputTopic<String, byte[]> inv = topics.inventory().input(d);
            TestInputTopic<String, UsageEvent> events = topics.events().input(d);
            TestOutputTopic<String, byte[]> alerts = topics.alertsJson().valuesAsBytes().output(d);
            TestOutputTopic<byte[], byte[]> avro = topics.alerts().asBytes().output(d);
            long loadStart = System.nanoTime();
            for (int i = 0; i < credentials; i++) {
                long t = BASE + i * 1000L;
                String id = LoadGenerator.credentialId(i);
                inv.pipeInput(id, LoadGenerator.inventory(i, t - 100 * Throughput.DAY, t), t);
                events.pipeInput(id, UsageEvent.newBuilder().setEventId("e-" + i).setSource("cloudtrail").setCredentialId(id)
                        .setAction(LoadGenerator.firstGrant(i)).setEventTime(t).setDenied(false)
                        .setSourceIp("10.1." + (i % 200) + ".7").setUserAgent(LoadGenerator.agent(i)).build(), t);
                if ((i & 0xFFFF) == 0) {
                    alerts.readRecordsToList();
                    avro.readRecordsToList();
                }
            }
            alerts.readRecordsToList();
            avro.readRecordsToList();
            res.loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            Throughput.log("punctuation: %,d credentials loaded in %.1f s", credentials, res.loadSeconds);

            int cursor = 0;
            // an empty punctuation (nothing due), then one warm-up pair, then the measured pairs
            for (int k = 0; k < 3; k++) {
                long[] w = {wall};
                res.emptyMs.add(punctuate(d, w, w[0] + 1000));
                wall = w[0];
            }
            for (int r = -1; r < runs; r++) {
                for (int large = 0; large < 2; large++) {
                    int n = large == 1 ? res.largeDue : res.smallDue;
                    if (cursor + n > credentials) {
                        break;
                    }
                    long target = BASE + (cursor + n - 1) * 1000L + IDLE;
                    long[] w = {wall};
                    double ms = punctuate(d, w, target);
                    wall = w[0];
                    cursor += n;
                    long fired = alerts.readRecordsToList().size();
                    avro.readRecordsToList();
                    if (r >= 0) {
                        (large == 1 ? res.largeMs : res.smallMs).add(ms);
                        if (large == 1) {
                            res.alertsLarge = fired;
                        } else {
                            res.alertsSmall = fired;
                        }
                    }
                    Throughput.log("punctuation %s: %,d due -> %d alerts, %.2f ms", r < 0 ? "(warm-up)" : "run " + (r + 1), n,
                            fired, ms);
                }
            }
            for (int r = 0; r < Math.min(res.smallMs.n(), res.largeMs.n()); r++) {
                // ratio of medians is reported; per-run ratio would pair unrelated runs
            }
            res.ratio.add(res.largeMs.median() / res.smallMs.median());
        } finally {
            BenchCluster.deleteRecursively(stateDir);
        }
        return res;
    }

    private static double punctuate(TopologyTestDriver d, long[] wall, long target) {
        long delta = Math.max(1000, target - wall[0]);
        long start = System.nanoTime();
        d.advanceWallClockTime(Duration.ofMillis(delta));
        double ms = (System.nanoTime() - start) / 1e6;
        wall[0] += delta;
        return ms;
    }
}
