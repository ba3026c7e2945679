package io.nhidrift.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The limit: a plain consumer that reads every record of a range of the raw topic and parses its JSON
 * (Jackson {@code readTree}), nothing else. Records per second.
 */
final class ConsumerLimit {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConsumerLimit() {}

    /** The limit's timed passes over one range: the faster is the limit; their disagreement says whether it was disturbed. */
    record Passes(Measured best, Measured other) {
        /** |a − b| / max(a, b) of the two passes' rates. */
        double disagreement() {
            return Math.abs(best.perSecond() - other.perSecond()) / Math.max(best.perSecond(), other.perSecond());
        }
    }

    /** Timed passes over the range after the untimed one (a pass takes ~0.3 s at 10 k credentials). */
    static final int TIMED_PASSES = 4;

    /**
     * Reads the range {@code 1 + TIMED_PASSES} times with fresh consumers and times all but the first, which warms the
     * JIT and the page cache, as the pipeline's warm-up does for the pipeline. The fastest timed pass is the limit (a
     * limit is what the machine allows; a slower pass was disturbed), and the second fastest is kept to check it: on
     * a quiet machine the passes still came out in two groups (~290 k and ~165 k records/s, the consumer's fetches
     * lining up with the parse or not), so two passes, not every pass, must agree for the limit to be reproducible.
     */
    static Passes recordsPerSecond(String bootstrap, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
        pass(bootstrap, from, to);
        java.util.List<Measured> timed = new ArrayList<>();
        for (int i = 0; i < TIMED_PASSES; i++) {
            timed.add(pass(bootstrap, from, to));
        }
        timed.sort(java.util.Comparator.comparingDouble(Measured::perSecond).reversed());
        return new Passes(timed.get(0), timed.get(1));
    }

    private static Measured pass(String bootstrap, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long records = 0;
        long start;
        long end;
        long checksum = 0;
        Map<String, Double> cpuMs;
        Disturbance.Reading disturbance;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(new ArrayList<>(to.keySet()));
            for (TopicPartition tp : to.keySet()) {
                c.seek(tp, from.getOrDefault(tp, 0L));
            }
            long expected = BenchCluster.sum(to) - BenchCluster.sum(from);
            // timed from the end of the first non-empty poll: the consumer's connection, metadata and first fetch
            // are set-up, not reading (the pipeline, likewise, is timed from its first record after RUNNING)
            long deadline = System.nanoTime() + 600_000_000_000L;
            start = 0;
            long untimed = 0;
            CpuAccount cpu = null;
            Disturbance dist = null;
            while (records < expected) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= to.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    checksum += MAPPER.readTree(r.value()).size();
                    records++;
                }
                if (start == 0 && records > 0) {
                    start = System.nanoTime();
                    untimed = records;
                    cpu = CpuAccount.available() ? CpuAccount.begin() : null;
                    dist = Disturbance.begin();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("limit consumer: timed out");
                }
            }
            end = System.nanoTime();
            cpuMs = cpu == null ? null : cpu.end();
            disturbance = dist == null ? Disturbance.Reading.UNKNOWN : dist.end();
            records -= untimed;
        }
        double secs = Math.max(1e-6, (end - start) / 1e9);
        if (checksum == 42) {
            System.err.print("");
        }
        return new Measured(records / secs, records, cpuMs, disturbance);
    }
}
