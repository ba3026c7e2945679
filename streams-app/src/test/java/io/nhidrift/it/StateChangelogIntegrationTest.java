package io.nhidrift.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.serde.AvroSerde;
import io.nhidrift.topology.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.nhidrift.testing.IntegrationTest;

/**
 * The credential state survives through its changelog: under exactly_once_v2 every committed change of a
 * credential's state is in the store's changelog (the state store serializes a busy credential's state once per
 * commit, so this checks that no pending state is left out of a commit), and an instance whose local state
 * directory was deleted restores the same states from it.
 */
@IntegrationTest
class StateChangelogIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, Integer> USES = Map.of("AKIACHANGELOGKEY0001", 120, "AKIACHANGELOGKEY0002", 45,
            "AKIACHANGELOGKEY0003", 3);

    @TempDir
    Path stateDir;

    private EmbeddedKafka kafka;
    private NhiDriftService service;

    @AfterEach
    void stop() {
        ItRecords.stop(service, kafka);
    }

    @Test
    void everyCommittedStateIsInTheChangelogAndRestoresAfterTheStateDirectoryIsLost() throws Exception {
        kafka = EmbeddedKafka.start();
        String appId = "nhi-drift-changelog-it-" + UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.from(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", appId,
                "state.dir", stateDir.toString(),
                "http.port", "0",
                "http.host", "127.0.0.1",
                "topics.partitions", "2",
                "topics.replication.factor", "1",
                "processing.guarantee", "exactly_once_v2",
                "commit.interval", "100ms"));
        service = NhiDriftService.start(config);

        try (KafkaProducer<byte[], byte[]> producer = ItRecords.transactionalProducer(kafka.bootstrapServers())) {
            producer.beginTransaction();
            for (String id : USES.keySet()) {
                producer.send(new ProducerRecord<>("nhi.inventory", id.getBytes(UTF_8), ("{\"credentialId\":\"" + id
                        + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],\"asOf\":\"2026-07-01T00:00:00Z\"}")
                        .getBytes(UTF_8)));
            }
            producer.commitTransaction();
            // several transactions, interleaved credentials: states change across many of the pipeline's commits
            int sent = 0;
            for (int round = 0; sent < 120; round++) {
                producer.beginTransaction();
                for (Map.Entry<String, Integer> e : USES.entrySet()) {
                    if (round < e.getValue()) {
                        String record = ItRecords.cloudTrail(e.getKey() + "-" + round, e.getKey(), "s3.amazonaws.com", "GetObject",
                                "2026-07-02T10:%02d:%02dZ".formatted(round / 60, round % 60));
                        producer.send(new ProducerRecord<>("nhi.raw.cloudtrail", e.getKey().getBytes(UTF_8), record.getBytes(UTF_8)));
                    }
                }
                producer.commitTransaction();
                sent = round + 1;
            }
        }

        AvroSerde<CredentialState> serde = AppSerdes.create(null).credentialState();
        String changelog = appId + "-" + Names.CREDENTIAL_STATE_STORE + "-changelog";
        Map<String, Long> committed;
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), changelog)) {
            committed = latestUseCounts(serde, reader.awaitUntil(rs -> expected().equals(latestUseCounts(serde, rs)), DEADLINE));
        }
        assertEquals(expected(), committed, "use counts in the committed changelog (read_committed)");

        service.close();
        service = null;
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(stateDir)).forEach(p -> p.toFile().delete());
        }
        service = NhiDriftService.start(config);
        Map<String, Long> restored = awaitRestored(service.streams());
        assertEquals(expected(), restored, "use counts answered after restoring from the changelog");
    }

    private static Map<String, Long> expected() {
        Map<String, Long> m = new HashMap<>();
        USES.forEach((k, v) -> m.put(k, (long) v));
        return m;
    }

    private static Map<String, Long> latestUseCounts(AvroSerde<CredentialState> serde, java.util.List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> m = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() != null) {
                m.put(new String(r.key(), UTF_8), serde.fromBytes(r.value()).getUseCount());
            }
        }
        return m;
    }

    private static Map<String, Long> awaitRestored(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, Long> seen = new HashMap<>();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                try {
                    ReadOnlyKeyValueStore<String, CredentialState> store = streams.store(StoreQueryParameters.fromNameAndType(
                            Names.CREDENTIAL_STATE_STORE, QueryableStoreTypes.<String, CredentialState>keyValueStore()));
                    seen.clear();
                    for (String id : USES.keySet()) {
                        CredentialState s = store.get(id);
                        if (s != null) {
                            seen.put(id, s.getUseCount());
                        }
                    }
                    if (seen.equals(expected())) {
                        return seen;
                    }
                } catch (RuntimeException e) {
                    // stores not queryable yet (rebalancing or restoring): ask again
                }
            }
            Thread.sleep(100);
        }
        return seen;
    }
}
