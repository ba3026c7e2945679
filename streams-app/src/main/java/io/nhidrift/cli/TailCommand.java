package io.nhidrift.cli;

import io.nhidrift.adapter.Printable;
import io.nhidrift.config.AppConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tail}: prints the records of one of nhi-drift's JSON topics (alerts, OCSF findings, triage), one value a
 * line, read committed, so the README's lines work against {@code demo} without Kafka's own scripts. Values are
 * printed as UTF-8 with control characters escaped; it reads no consumer group (nothing is committed).
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints the records of a JSON topic (e.g. nhi.alerts.json, nhi.findings.ocsf, nhi.triage), one a line.",
                "Example:",
                "  tail --bootstrap-servers localhost:9092 --topic nhi.findings.ocsf --from-beginning --max 5"})
public final class TailCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (key bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest record (default: only records written from now on).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after N records (0: no limit).")
    long max;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "0s",
            description = "Stop when no record came for this long, e.g. 10s (0s: never; Ctrl-C stops).")
    String idle;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        AppConfig config = configOptions.load(flags);
        if (max < 0) {
            throw new Main.UsageError("--max " + max + " must be 0 or more");
        }
        Duration idleFor = idleDuration();
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                spec.commandLine().getErr().println("nhi-drift tail: no topic '" + Printable.escape(topic) + "' on "
                        + config.bootstrapServers());
                return 1;
            }
            List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            if (fromBeginning) {
                c.seekToBeginning(tps);
            } else {
                c.seekToEnd(tps);
            }
            long printed = 0;
            long lastRecord = System.nanoTime();
            while (max == 0 || printed < max) {
                var records = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.println(r.value() == null ? "null" : Printable.escape(new String(r.value(), StandardCharsets.UTF_8)));
                    lastRecord = System.nanoTime();
                    if (max != 0 && ++printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!idleFor.isZero() && System.nanoTime() - lastRecord > idleFor.toNanos()) {
                    break;
                }
            }
        }
        out.flush();
        return 0;
    }

    private Duration idleDuration() {
        Duration d;
        try {
            d = io.nhidrift.config.Durations.parse("--idle", idle);
        } catch (RuntimeException e) {
            throw new Main.UsageError("--idle '" + Printable.escape(idle) + "' is not a duration like 10s or 1m");
        }
        if (d.isNegative()) {
            throw new Main.UsageError("--idle '" + Printable.escape(idle) + "' must not be negative");
        }
        return d;
    }
}
