package io.nhidrift.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import io.nhidrift.topology.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of the service (one application id, distinct state directories and query ports) share six
 * partitions of a multi-format stream: they commit exactly the alerts one instance commits for the same input (same
 * alertIds, none twice), every designed misbehaviour alerts, and every instance answers every credential's query
 * (its own store, or forwarded to the owner).
 */
@IntegrationTest
class ScaleOutIntegrationTest {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @Test
    void three_instances_commit_the_alerts_of_one_and_each_answers_every_credential(@TempDir Path dir) {
        ScaleInput input = ScaleInput.build(12, System.currentTimeMillis());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            AlertTally single = run(kafka, "single", 1, dir, input, null);
            List<Set<String>> owners = new ArrayList<>();
            AlertTally trio = run(kafka, "trio", 3, dir, input, owners);

            System.out.println("[scaleout] one instance: " + single.records() + " alerts " + single.byType() + "; three: " + trio.records());
            assertEquals(0, single.duplicated(), "one instance committed an alert twice");
            for (ScaleInput.Credential c : input.credentials()) {
                assertTrue(single.types(c.id()).containsAll(c.expectedTypes()),
                        c.format() + " " + c.id() + " (behaviour " + c.index() % 6 + "): expected " + c.expectedTypes()
                                + ", got " + single.types(c.id()));
            }
            assertEquals(Set.of(), trio.lostAgainst(single), "alerts of the single instance that three instances lack");
            assertEquals(Set.of(), trio.unexpectedAgainst(single), "alerts only three instances committed");
            assertEquals(0, trio.duplicated(), "alert ids committed twice by three instances");
            assertEquals(single.records(), trio.records());
            assertEquals(3, owners.get(0).size(), "the six partitions' keys are spread over the three instances: " + owners);
        }
    }

    /** Starts {@code n} instances, feeds the input, returns the committed alerts; checks that each answers every id. */
    private static AlertTally run(EmbeddedKafka kafka, String name, int n, Path dir, ScaleInput input, List<Set<String>> owners) {
        List<NhiDriftService> instances = new ArrayList<>();
        try (ScaleRun run = new ScaleRun(kafka.bootstrapServers(), name)) {
            for (int i = 0; i < n; i++) {
                Map<String, String> settings = new HashMap<>(run.settings(0));
                settings.put("state.dir", dir.resolve(name + "-" + i).toString());
                settings.put("http.port", "0");
                instances.add(NhiDriftService.start(AppConfig.from(settings)));
            }
            for (NhiDriftService s : instances) {
                awaitRunning(s.streams());
            }
            run.produceInventoryAndAwait(input, DEADLINE);
            run.produceRaw(input, 0, 1);
            AlertTally alerts = run.awaitMarkers(input, DEADLINE);
            List<Integer> ports = instances.stream().map(NhiDriftService::httpPort).toList();
            QueryProbe.awaitAnswered(ports, input.allIds(), Duration.ofMinutes(2));
            if (owners != null) {
                owners.add(ownerPorts(instances.get(0).streams(), input.allIds()));
            }
            return alerts;
        } finally {
            instances.forEach(NhiDriftService::close);
        }
    }

    private static Set<String> ownerPorts(KafkaStreams streams, List<String> ids) {
        Set<String> hosts = new TreeSet<>();
        for (String id : ids) {
            var md = streams.queryMetadataForKey(Names.CREDENTIAL_STATE_STORE, id, Serdes.String().serializer());
            hosts.add(md.activeHost().host() + ":" + md.activeHost().port());
        }
        return hosts;
    }

    private static void awaitRunning(KafkaStreams streams) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not RUNNING within " + DEADLINE + ": " + streams.state());
            }
            QueryProbe.pause(50);
        }
    }
}
