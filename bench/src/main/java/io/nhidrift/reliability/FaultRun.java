package io.nhidrift.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.nhidrift.reliability.FaultInput.InventoryRecord;
import io.nhidrift.reliability.FaultInput.Round;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of the service on its own topics ({@code <name>.raw.cloudtrail}, {@code <name>.inventory}, …) and
 * application id, on the shared broker: produces the input round by round (each round only after the
 * previous one is processed, see {@link FaultInput}), and lets a fault case kill, stop, restart the service or
 * damage its state directory in between.
 *
 * <p>The service runs with {@code detect.punctuate.interval=1d}: the wall-clock punctuation fires due
 * checks at wall-clock instants, so with it two fault-free runs of the same input may differ in where an
 * {@code IDLE_CREDENTIAL} lands; without it, the input alone decides every alert. Everything else is the
 * default configuration ({@code exactly_once_v2}, {@code commit.interval=100ms}), plus a 6 s session timeout
 * so that a killed instance's partitions move to its successor after 6 s rather than 45 s.
 */
final class FaultRun implements AutoCloseable {

    /** Raw records per input transaction. */
    private static final int TRANSACTION_RECORDS = 1_000;
    static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);

    private final RestartableBroker broker;
    private final String name;
    private final String applicationId;
    private final Path dir;
    private final String classpath;
    private final Duration roundDeadline;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final List<ServiceProcess> services = new ArrayList<>();
    private TopicTail alerts;
    private long rawRoundStart;
    private long rawRoundEnd;

    FaultRun(RestartableBroker broker, String name, Path dir, String classpath, int partitions, Duration roundDeadline) {
        this.broker = broker;
        this.name = name;
        this.applicationId = "nhi-rel-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.dir = dir;
        this.classpath = classpath;
        this.partitions = partitions;
        this.roundDeadline = roundDeadline;
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        this.admin = Admin.create(a);
        this.producer = producer(broker.bootstrapServers());
        createRawTopic();
    }

    String name() {
        return name;
    }

    String applicationId() {
        return applicationId;
    }

    Path stateDir() {
        return dir.resolve("state");
    }

    ServiceProcess service() {
        return services.get(services.size() - 1);
    }

    int serviceStarts() {
        return services.size();
    }

    RestartableBroker broker() {
        return broker;
    }

    /** Starts a service JVM on this run's topics and state directory and waits until it is healthy. */
    ServiceProcess startService() {
        int port = freePort();
        ServiceProcess s = ServiceProcess.start(classpath, serviceArgs(), port, dir.resolve("service.log"));
        services.add(s);
        s.awaitHealthy(HEALTHY_WITHIN);
        if (alerts == null) {
            alerts = new TopicTail(broker.bootstrapServers(), topic("alerts.json"));
        }
        return s;
    }

    /** Produces a round: its inventory versions in one transaction, then its CloudTrail records. */
    void produce(Round round) {
        if (!round.inventory().isEmpty()) {
            producer.beginTransaction();
            List<Future<RecordMetadata>> inventory = new ArrayList<>();
            for (InventoryRecord r : round.inventory()) {
                inventory.add(producer.send(new ProducerRecord<>(topic("inventory"), null, r.asOf(),
                        r.credentialId().getBytes(UTF_8), r.json())));
            }
            producer.commitTransaction();
            awaitReadable(inventory);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < round.raw().size(); i += TRANSACTION_RECORDS) {
            producer.beginTransaction();
            for (byte[] raw : round.raw().subList(i, Math.min(round.raw().size(), i + TRANSACTION_RECORDS))) {
                sent.add(producer.send(new ProducerRecord<>(topic("raw.cloudtrail"), null, raw)));
            }
            producer.commitTransaction();
        }
        rawRoundStart = offset(sent.get(0));
        rawRoundEnd = offset(sent.get(sent.size() - 1)) + 1;
    }

    /**
     * Waits until records are readable with {@code read_committed}. A commit returns once the transaction is
     * prepared; its markers reach the partitions a little later, so without this wait a loaded broker could
     * expose the next transaction's raw records (and the events normalized from them) before the inventory
     * versions meant to precede them.
     */
    private void awaitReadable(List<Future<RecordMetadata>> sent) {
        Map<TopicPartition, Long> last = new java.util.HashMap<>();
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = metadata(f);
            last.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
        }
        long deadline = System.nanoTime() + roundDeadline.toNanos();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        last.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        while (System.nanoTime() < deadline) {
            try {
                var lso = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(30, TimeUnit.SECONDS);
                if (last.entrySet().stream().allMatch(e -> lso.get(e.getKey()).offset() > e.getValue())) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // broker busy: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ServiceProcess.pause(10);
        }
        throw new IllegalStateException(name + ": committed inventory records not readable within " + roundDeadline);
    }

    /** Offset of the current round's first raw record and one past its last. */
    long rawRoundStart() {
        return rawRoundStart;
    }

    long rawRoundEnd() {
        return rawRoundEnd;
    }

    /** The service's committed offset on the raw topic (-1 before its first commit). */
    long rawCommitted() {
        try {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata o = m.get(new TopicPartition(topic("raw.cloudtrail"), 0));
            return o == null ? -1 : o.offset();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the service committed its raw input up to {@code offset} or the round is done; returns the offset. */
    long awaitRawCommitted(long offset, Round round) {
        long deadline = System.nanoTime() + roundDeadline.toNanos();
        while (System.nanoTime() < deadline) {
            long c = rawCommitted();
            if (c >= offset || roundDone(round)) {
                return c;
            }
            ServiceProcess.pause(10);
        }
        throw new IllegalStateException(name + ": raw offset " + offset + " not committed within " + roundDeadline + "\n"
                + service().tail(40));
    }

    /** Whether every marker of the round has its alert committed (the round is processed on every partition). */
    boolean roundDone(Round round) {
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(50))) {
            seen.add(new String(r.key(), UTF_8));
        }
        return seen.containsAll(round.markers());
    }

    /** Waits for the round to be processed on every partition. */
    void awaitRound(Round round) {
        long deadline = System.nanoTime() + roundDeadline.toNanos();
        while (!roundDone(round)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": round " + round.index() + " not processed within " + roundDeadline
                        + " (markers " + round.markers() + ")\n" + service().tail(60));
            }
        }
    }

    /** Stops the service cleanly and reads what the run committed: alerts and the stores' changelogs. */
    RunOutput finish() {
        service().stop(Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> all = alerts.drain(Duration.ofMinutes(2));
        return new RunOutput(AlertSet.of(all), StoreSnapshot.read(broker.bootstrapServers(), applicationId), services.size(),
                service().countLogLines("Stream thread failed"));
    }

    /**
     * What a run committed, and how often its service JVM was started and replaced a failed stream thread
     * (the service logs "Stream thread failed; replacing it").
     */
    record RunOutput(AlertSet alerts, StoreSnapshot state, int serviceStarts, long threadReplacements) {}

    @Override
    public void close() {
        for (ServiceProcess s : services) {
            if (s.alive()) {
                s.kill9();
            }
        }
        if (alerts != null) {
            alerts.close();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    // ---------------------------------------------------------------------------------------------

    private List<String> serviceArgs() {
        List<String> a = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(), "--inputs", "cloudtrail"));
        Stream.of(
                "application.id=" + applicationId,
                "state.dir=" + stateDir(),
                "http.host=127.0.0.1",
                "topics.partitions=" + partitions,
                "topics.replication.factor=1",
                "topic.raw.prefix=" + name + ".raw.",
                "topic.inventory=" + topic("inventory"),
                "topic.events=" + topic("events"),
                "topic.alerts=" + topic("alerts"),
                "topic.alerts.json=" + topic("alerts.json"),
                "topic.dead-letters=" + topic("dead-letters"),
                "detect.punctuate.interval=1d",
                "kafka.session.timeout.ms=6000",
                "kafka.heartbeat.interval.ms=1500")
                .forEach(kv -> {
                    a.add("--set");
                    a.add(kv);
                });
        return a;
    }

    String topic(String suffix) {
        return name + "." + suffix;
    }

    /** One raw partition: a single normalizer task writes the events topic, so its order is the input's. */
    private void createRawTopic() {
        try {
            admin.createTopics(List.of(new NewTopic(topic("raw.cloudtrail"), 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            Files.createDirectories(stateDir());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic("raw.cloudtrail"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long offset(Future<RecordMetadata> f) {
        return metadata(f).offset();
    }

    private static RecordMetadata metadata(Future<RecordMetadata> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("input record not acknowledged", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "nhi-rel-input-" + UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
