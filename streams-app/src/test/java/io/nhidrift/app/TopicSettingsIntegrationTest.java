package io.nhidrift.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** On a real broker: topics that already exist with the broker's defaults are reported; the ones nhi-drift creates are not. */
@IntegrationTest
class TopicSettingsIntegrationTest {

    @Test
    void existingTopicsWithBrokerDefaultsAreReportedAndCreatedOnesAreNot() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of("nhi.alerts.json", 1, "nhi.inventory", 1), Set.of()); // broker defaults: CreateTime, 7 d, delete
            AppConfig config = AppConfig.from(Map.of("bootstrap.servers", kafka.bootstrapServers(), "topics.partitions", "1",
                    "topics.replication.factor", "1"));
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                TopicCreator.ensureTopics(admin, config);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                TopicSettings settings = new TopicSettings(config);
                List<String> warnings = settings.warnings(admin, List.of("nhi.alerts.json", "nhi.inventory", "nhi.alerts",
                        "nhi.events", "nhi.dead-letters"), deadline);
                assertEquals(3, warnings.size(), warnings.toString());
                assertTrue(warnings.stream().anyMatch(w -> w.startsWith(
                        "topic 'nhi.alerts.json' keeps the producer's record timestamps (message.timestamp.type=CreateTime)")),
                        warnings.toString());
                assertTrue(warnings.stream().anyMatch(w -> w.startsWith("topic 'nhi.inventory' has cleanup.policy=delete")));
                assertTrue(warnings.stream().anyMatch(w -> w.startsWith("topic 'nhi.alerts.json' has retention.ms=604800000")));
            }
        }
    }
}
