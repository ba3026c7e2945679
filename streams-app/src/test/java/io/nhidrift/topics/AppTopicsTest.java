package io.nhidrift.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nhidrift.config.AppConfig;
import io.nhidrift.serde.AppSerdes;
import io.nhidrift.testing.TopologyTest;
import io.nhidrift.topology.TopologyFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

@TopologyTest
class AppTopicsTest {

    private final AppConfig config = AppConfig.from(Map.of("inputs", "cloudtrail,kong", "topic.raw.kong", "gw.kong",
            "topic.alerts.json", "soc.alerts"));
    private final AppSerdes serdes = AppSerdes.create(null);

    @Test
    void theTopologyReadsAndWritesExactlyTheRegisteredTopics() {
        AppTopics topics = AppTopics.of(config, serdes);
        Set<String> registered = new TreeSet<>(Set.of(topics.inventory().name(), topics.events().name(),
                topics.alerts().name(), topics.alertsJson().name(), topics.findingsOcsf().name(), topics.deadLetters().name(),
                topics.triage().name()));
        topics.raw().values().forEach(t -> registered.add(t.name()));

        Set<String> used = new TreeSet<>();
        for (TopologyDescription.Subtopology s : TopologyFactory.build(config, serdes).describe().subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n instanceof TopologyDescription.Source src) {
                    used.addAll(src.topicSet());
                } else if (n instanceof TopologyDescription.Sink sink) {
                    used.add(sink.topic());
                }
            }
        }
        assertEquals(registered, used);
        assertEquals("gw.kong", topics.raw("kong").name());
        assertEquals("soc.alerts", topics.alertsJson().name());
    }

    @Test
    void aFormatThatIsNotEnabledHasNoRawTopic() {
        AppTopics topics = AppTopics.of(config, serdes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> topics.raw("gcp-audit"));
        assertEquals("input format 'gcp-audit' is not enabled (inputs = [cloudtrail, kong])", e.getMessage());
    }
}
