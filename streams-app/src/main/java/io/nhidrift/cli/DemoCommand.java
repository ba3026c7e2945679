package io.nhidrift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigLoader;
import io.nhidrift.demo.CloudTrailGenerator;
import io.nhidrift.demo.CloudTrailGenerator.Call;
import io.nhidrift.demo.DemoScenario;
import io.nhidrift.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: an in-process single-node KRaft broker, the pipeline and the query API, fed with the demo
 * inventory, 120 days of demo CloudTrail history and then live traffic; alerts are printed as they arrive.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the embedded demo: starts a single-node Kafka (KRaft) broker in-process, the nhi-drift"
            + " pipeline and query API, loads a demo inventory and 120 days of demo CloudTrail traffic in which a few"
            + " machine credentials misbehave, then keeps sending live traffic. Alerts are printed as they arrive."
            + " Stop with Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    static final int BATCH = 25;
    static final long LIVE_INTERVAL_MS = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--port", paramLabel = "PORT", description = "Query API port (key http.port, default 8080).")
    Integer port;

    @Option(names = "--no-live", description = "Stop sending traffic after the history (the pipeline keeps running).")
    boolean noLive;

    @Mixin
    ConfigOptions configOptions;

    private final AtomicBoolean running = new AtomicBoolean(true);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        Running parts = new Running(Files.createTempDirectory("nhi-drift-demo-state-"), out);
        CountDownLatch publisherDone = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.set(false);
            try {
                publisherDone.await(10, TimeUnit.SECONDS); // the publisher finishes its current send
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            parts.close();
            cleanedUp.countDown();
        }, "nhi-drift-demo-shutdown");
        try {
            parts.kafka = EmbeddedKafka.start();
            parts.kafka.releaseShutdownHook(); // the demo's own hook stops pipeline, then broker
            Runtime.getRuntime().addShutdownHook(hook); // from here on, Ctrl-C stops everything in order

            // demo defaults < --config file < NHI_DRIFT_* environment < --set < --port; the broker is always the embedded one
            Map<String, String> demo = new LinkedHashMap<>();
            demo.put("topics.partitions", "2");
            demo.put("topics.replication.factor", "1");
            demo.put("state.dir", parts.stateDir.toString());
            demo.put("inputs", "cloudtrail");
            demo.put("application.id", "nhi-drift-demo");
            demo.put("processing.guarantee", "exactly_once_v2");
            Map<String, String> last = new LinkedHashMap<>();
            if (port != null) {
                last.put("http.port", port.toString());
            }
            last.put("bootstrap.servers", parts.kafka.bootstrapServers());
            AppConfig config = new ConfigLoader().overrides(demo).file(configOptions.configFile)
                    .environment(System.getenv()).overrides(configOptions.overrides).overrides(last).load();
            if (!config.inputs().contains("cloudtrail")) {
                config = config.with(Map.of("inputs", "cloudtrail," + String.join(",", config.inputs())));
            }

            parts.service = NhiDriftService.start(config);
            parts.printer = new AlertPrinter(config, out);
            parts.printer.start();
            parts.producer = producer(config);
            banner(out, parts.kafka, config, parts.service, t0);
            try {
                publish(config, parts.producer);
            } catch (InterruptException | InterruptedException e) {
                // stopping
            } finally {
                publisherDone.countDown();
            }
            cleanedUp.await();
            return 0;
        } catch (RuntimeException | IOException e) {
            publisherDone.countDown();
            if (!running.get()) { // failed because the demo is being stopped
                cleanedUp.await();
                return 0;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
            parts.close();
            throw e;
        }
    }

    /** What the demo started, closed in order (once) by the shutdown hook or after a failure. */
    private static final class Running {
        final Path stateDir;
        final PrintStream out;
        volatile EmbeddedKafka kafka;
        volatile NhiDriftService service;
        volatile AlertPrinter printer;
        volatile KafkaProducer<String, byte[]> producer;
        private boolean closed;

        Running(Path stateDir, PrintStream out) {
            this.stateDir = stateDir;
            this.out = out;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            shutdown(producer, printer, service, kafka, stateDir, out);
        }
    }

    // ------------------------------------------------------------------------------------------ publishing

    private void publish(AppConfig config, KafkaProducer<String, byte[]> producer) throws Exception {
        long now = System.currentTimeMillis();
        String rawTopic = config.topics().rawByFormat().get("cloudtrail");
        String inventoryTopic = config.topics().inventory();
        CloudTrailGenerator gen = new CloudTrailGenerator(42L);

        // inventory versions in asOf order; the ones later than the history's start are sent at their place in
        // the timeline, after the pipeline has caught up, so that they do not move the detector's clock ahead
        List<Inventory> inventory = new ArrayList<>();
        for (String line : DemoScenario.inventoryLines(now)) {
            JsonNode n = MAPPER.readTree(line);
            inventory.add(new Inventory(n.get("credentialId").asText(), Instant.parse(n.get("asOf").asText()).toEpochMilli(),
                    line.getBytes(StandardCharsets.UTF_8)));
        }
        inventory.sort(Comparator.comparingLong(Inventory::asOf));
        List<Call> history = DemoScenario.history(now);
        long historyStart = history.isEmpty() ? now : history.get(0).time();
        int inv = 0;
        while (inv < inventory.size() && inventory.get(inv).asOf() <= historyStart) {
            send(producer, inventoryTopic, inventory.get(inv++));
        }
        producer.flush();

        List<byte[]> batch = new ArrayList<>(BATCH);
        long batchTime = 0;
        int sent = 0;
        for (Call c : history) {
            if (!running.get()) {
                return;
            }
            if (inv < inventory.size() && inventory.get(inv).asOf() <= c.time()) {
                batchTime = flushBatch(producer, rawTopic, batch, batchTime);
                producer.flush();
                awaitCaughtUp(config);
                while (inv < inventory.size() && inventory.get(inv).asOf() <= c.time()) {
                    send(producer, inventoryTopic, inventory.get(inv++));
                }
                producer.flush();
            }
            batch.add(gen.record(c));
            batchTime = Math.max(batchTime, c.time());
            sent++;
            if (batch.size() == BATCH) {
                batchTime = flushBatch(producer, rawTopic, batch, batchTime);
            }
        }
        flushBatch(producer, rawTopic, batch, batchTime);
        while (inv < inventory.size()) {
            send(producer, inventoryTopic, inventory.get(inv++));
        }
        producer.flush();
        System.err.println("nhi-drift demo: published " + inventory.size() + " inventory records and " + sent
                + " CloudTrail records of history (" + DemoScenario.HISTORY_DAYS + " days)"
                + (noLive ? "; live traffic off (--no-live)" : "; now sending live traffic every " + LIVE_INTERVAL_MS + " ms"));
        if (noLive) {
            while (running.get()) {
                Thread.sleep(200);
            }
            return;
        }
        Random r = new Random(7L);
        while (running.get()) {
            Thread.sleep(LIVE_INTERVAL_MS);
            if (!running.get()) {
                return;
            }
            long t = System.currentTimeMillis();
            Call c = DemoScenario.liveCall(t, r);
            producer.send(new ProducerRecord<>(rawTopic, 0, t, null,
                    CloudTrailGenerator.s3Delivery(List.of(gen.record(c)))));
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Inventory i) {
        producer.send(new ProducerRecord<>(topic, null, i.asOf(), i.credentialId(), i.json()));
    }

    /** Sends one S3-delivery body; all history goes to partition 0 so that it is normalized in time order. */
    private static long flushBatch(KafkaProducer<String, byte[]> producer, String topic, List<byte[]> batch, long time) {
        if (!batch.isEmpty()) {
            producer.send(new ProducerRecord<>(topic, 0, time, null, CloudTrailGenerator.s3Delivery(batch)));
            batch.clear();
        }
        return 0;
    }

    /**
     * Waits (at most 60 s) until the pipeline has consumed everything published so far: the raw topic up to its
     * end and the events topic up to its last stable offset (a transaction marker may follow the last event).
     */
    private void awaitCaughtUp(AppConfig config) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(p)) {
            for (String topic : List.of(config.topics().rawByFormat().get("cloudtrail"), config.topics().events())) {
                boolean transactional = topic.equals(config.topics().events());
                while (running.get() && System.nanoTime() < deadline) {
                    if (caughtUp(admin, config.applicationId(), topic, config.topicPartitions(), transactional)) {
                        break;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("nhi-drift demo: could not check the pipeline's progress: " + e);
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic, int partitions, boolean transactional) {
        try {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (var e : ends.entrySet()) {
                long end = e.getValue().offset();
                if (end == 0) {
                    continue;
                }
                OffsetAndMetadata c = committed.get(e.getKey());
                long pos = c == null ? 0 : c.offset();
                if (pos < (transactional ? end - 1 : end)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static KafkaProducer<String, byte[]> producer(AppConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafkaPassThrough());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private record Inventory(String credentialId, long asOf, byte[] json) {}

    // ------------------------------------------------------------------------------------------ output

    private static void banner(PrintStream out, EmbeddedKafka kafka, AppConfig config, NhiDriftService service, long t0) {
        int port = service.httpPort();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.println("nhi-drift demo (started in " + ms + " ms)");
        out.println("  Kafka broker (embedded, KRaft)  " + kafka.bootstrapServers());
        out.println("  pipeline                        application.id " + config.applicationId() + ", "
                + config.processingGuarantee() + ", " + config.topicPartitions() + " partitions");
        out.println("  topics                          raw " + config.topics().rawByFormat().get("cloudtrail")
                + ", inventory " + config.topics().inventory() + ", alerts " + config.topics().alertsJson()
                + " (JSON) / " + config.topics().alerts() + " (Avro)");
        out.println("  query API                       http://localhost:" + port);
        out.println("  demo data                       " + DemoScenario.inventoryLines(0).size()
                + " inventory records, " + DemoScenario.HISTORY_DAYS + " days of CloudTrail history, then live traffic");
        out.println();
        out.println("Try:");
        out.println("  curl localhost:" + port + "/health");
        out.println("  curl localhost:" + port + "/api/v1/credentials/" + DemoScenario.EXPORTER_KEY);
        out.println();
        out.println("Alerts (type, severity, credential, subject, event time, summary); Ctrl-C stops the demo:");
        out.flush();
    }

    /** Formats one JSON alert as a single readable line. */
    static String format(JsonNode a) {
        JsonNode subject = a.get("subject");
        String s;
        if (subject == null || subject.isNull()) {
            s = "-";
        } else if (subject.isArray()) {
            List<String> parts = new ArrayList<>();
            subject.forEach(x -> parts.add(x.asText()));
            s = String.join(",", parts);
        } else {
            s = subject.asText();
        }
        return String.format("%-22s %-8s %-20s %-26s %-20s %s", text(a, "type"), text(a, "severity"),
                text(a, "credentialId"), s, text(a, "eventTime"), text(a, "summary"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    /** Prints each alert of the JSON alert topic (read_committed) as one line. */
    static final class AlertPrinter implements Runnable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String topic;
        private final PrintStream out;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong printed = new AtomicLong();

        AlertPrinter(AppConfig config, PrintStream out) {
            Properties p = new Properties();
            p.putAll(config.kafkaPassThrough());
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "nhi-drift-demo-printer-" + UUID.randomUUID());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            this.topic = config.topics().alertsJson();
            this.out = out;
            this.thread = new Thread(this, "nhi-drift-demo-alerts");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        try {
                            out.println(format(MAPPER.readTree(r.value())));
                        } catch (IOException e) {
                            out.println("(unreadable alert: " + e.getMessage() + ")");
                        }
                        printed.incrementAndGet();
                    }
                    out.flush();
                }
            } catch (WakeupException | InterruptException e) {
                // stopping
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        void stop() {
            running.set(false);
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ shutdown

    private static void shutdown(KafkaProducer<String, byte[]> producer, AlertPrinter printer, NhiDriftService service,
            EmbeddedKafka kafka, Path stateDir, PrintStream out) {
        System.err.println("nhi-drift demo: stopping");
        if (producer != null) {
            quietly(() -> producer.close(Duration.ofSeconds(5)));
        }
        if (printer != null) {
            quietly(printer::stop);
        }
        if (service != null) {
            quietly(service::close);
        }
        if (kafka != null) {
            quietly(kafka::close);
        }
        deleteRecursively(stateDir);
        System.err.println("nhi-drift demo: stopped");
        out.flush();
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("nhi-drift demo: while stopping: " + e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("nhi-drift demo: could not delete " + root + ": " + e);
        }
    }
}
