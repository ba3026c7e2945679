package io.nhidrift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measurement 3: end-to-end alert latency at a steady offered rate. One record in {@code TRIGGER_EVERY}
 * performs a unique out-of-scope action (one OUT_OF_SCOPE_USE each); its produce time is kept by
 * eventID; a read_committed consumer of the JSON alert topic takes latency = read time - produce time.
 */
final class Latency {
    static final int TRIGGER_EVERY = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final class Result {
        int credentials;
        double offeredRate;
        double seconds;
        Stats achievedRate = new Stats();
        Stats samples = new Stats(); // all latencies (ms), pooled over runs
        Stats p50 = new Stats();
        Stats p99 = new Stats();
        Stats max = new Stats();
        long missing;
    }

    private Latency() {}

    static Result run(BenchCluster cluster, int credentials, double rate, double seconds, int runs) throws Exception {
        return run(cluster, credentials, rate, seconds, runs, LoadGenerator.Mix.HOT_TENTH, cluster.newConfig("latency"));
    }

    /** As above, with the calls spread over the credentials by {@code mix}, on the pipeline configured by {@code cfg}. */
    static Result run(BenchCluster cluster, int credentials, double rate, double seconds, int runs, LoadGenerator.Mix mix,
            AppConfig cfg) throws Exception {
        Result res = new Result();
        res.credentials = credentials;
        res.offeredRate = rate;
        res.seconds = seconds;
        currentRun = 0; // run tags start at r0 in every call
        cluster.createTopics(cfg);
        long now = System.currentTimeMillis();
        cluster.produceInventory(cfg, credentials, now - 200 * Throughput.DAY, now - Throughput.DAY);
        NhiDriftService svc = BenchCluster.startAndAwaitRunning(cfg, 300_000);
        BenchCluster.await(() -> BenchCluster.processed(svc.streams()) >= credentials, 300_000, "inventory processed");
        String raw = cfg.topics().rawByFormat().get("cloudtrail");
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> latency = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(cluster, cfg.topics().alertsJson(), sent, latency, stop), "bench-alert-reader");
        reader.start();
        LoadGenerator gen = new LoadGenerator(credentials, 99, mix);
        long unique = 0;
        try (KafkaProducer<byte[], byte[]> p = cluster.producer(5)) {
            // warm-up: 3 s at the same rate, no triggers
            pace(p, raw, gen, rate, 3.0, false, sent, new long[] {0});
            for (int r = 0; r < runs; r++) {
                long[] u = {unique};
                double achieved = pace(p, raw, gen, rate, seconds, true, sent, u);
                unique = u[0];
                res.achievedRate.add(achieved);
                long expected = sent.size();
                long deadline = System.currentTimeMillis() + 15_000;
                while (latency.size() < expected && System.currentTimeMillis() < deadline) {
                    BenchCluster.sleep(50);
                }
                // per-run stats: every latency of this run's triggers
                Stats perRun = new Stats();
                for (var e : latency.entrySet()) {
                    if (e.getKey().startsWith("r" + r + ":")) {
                        perRun.add(e.getValue());
                        res.samples.add(e.getValue());
                    }
                }
                res.p50.add(perRun.median());
                res.p99.add(perRun.pct(99));
                res.max.add(perRun.max());
                String tag = "r" + r + ":";
                long sentThisRun = sent.keySet().stream().filter(k -> k.startsWith(tag)).count();
                res.missing += sentThisRun - perRun.n();
                Throughput.log("latency run %d: offered %,.0f/s achieved %,.0f/s, %d alerts: p50 %.0f ms p99 %.0f ms max %.0f ms",
                        r + 1, rate, achieved, perRun.n(), perRun.median(), perRun.pct(99), perRun.max());
                currentRun = r + 1;
            }
        } finally {
            stop.set(true);
            reader.join(10_000);
            BenchCluster.stop(svc);
        }
        return res;
    }

    private static volatile int currentRun;
    private static String currentRunTag = "r0:";

    /** Produces at {@code rate} records/s for {@code seconds}; returns the achieved rate. */
    private static double pace(KafkaProducer<byte[], byte[]> p, String topic, LoadGenerator gen, double rate, double seconds,
            boolean triggers, Map<String, Long> sent, long[] unique) {
        long n = (long) (rate * seconds);
        long start = System.nanoTime();
        double intervalNs = 1e9 / rate;
        currentRunTag = "r" + currentRun + ":";
        for (long k = 0; k < n; k++) {
            long due = start + (long) (k * intervalNs);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            long now = System.currentTimeMillis();
            boolean trigger = triggers && k % TRIGGER_EVERY == TRIGGER_EVERY / 2;
            var call = trigger ? gen.trigger(now, ++unique[0]) : gen.next(now);
            byte[] v = gen.render(call);
            if (trigger) {
                sent.put(currentRunTag + LoadGenerator.eventId(v), System.currentTimeMillis());
            }
            p.send(new ProducerRecord<>(topic, gen.key(call), v));
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return n / secs;
    }

    private static void read(BenchCluster cluster, String topic, Map<String, Long> sent, Map<String, Long> latency,
            AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-reader-" + System.nanoTime());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long readAt = System.currentTimeMillis();
                    try {
                        JsonNode n = MAPPER.readTree(r.value());
                        String id = n.path("evidence").path("event").path("eventId").asText(null);
                        if (id == null) {
                            continue;
                        }
                        for (int run = Math.max(0, currentRun - 1); run <= currentRun; run++) {
                            Long t = sent.get("r" + run + ":" + id);
                            if (t != null) {
                                latency.put("r" + run + ":" + id, readAt - t);
                            }
                        }
                    } catch (Exception e) {
                        // not an alert of ours
                    }
                }
            }
        }
    }
}
