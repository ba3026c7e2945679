package io.nhidrift.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

/** Topics are created so that old event times never delete alerts; existing topics that would are reported. */
@UnitTest
class TopicSettingsTest {

    private final TopicSettings settings = new TopicSettings(AppConfig.defaults());

    private static Config config(String... nameValues) {
        List<ConfigEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            entries.add(new ConfigEntry(nameValues[i], nameValues[i + 1]));
        }
        return new Config(entries);
    }

    @Test
    void alertEventAndDeadLetterTopicsAreCreatedWithLogAppendTimeAndTheirRetention() {
        Map<String, Map<String, String>> m = settings.managed();
        assertEquals(Map.of("cleanup.policy", "delete", "message.timestamp.type", "LogAppendTime",
                "retention.ms", Long.toString(365L * 86_400_000)), m.get("nhi.alerts.json"));
        assertEquals(m.get("nhi.alerts.json"), m.get("nhi.alerts"));
        assertEquals(m.get("nhi.alerts.json"), m.get("nhi.findings.ocsf"));
        assertEquals("LogAppendTime", m.get("nhi.events").get("message.timestamp.type"));
        assertEquals(Long.toString(30L * 86_400_000), m.get("nhi.dead-letters").get("retention.ms"));
        assertEquals(Map.of("cleanup.policy", "compact"), m.get("nhi.inventory"));
    }

    @Test
    void anExistingAlertTopicWithCreateTimeAndSevenDaysIsReportedWithTheFix() {
        List<String> w = settings.warnings("nhi.alerts.json", config("cleanup.policy", "delete",
                "message.timestamp.type", "CreateTime", "retention.ms", "604800000"));
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("message.timestamp.type=CreateTime") && w.get(0).contains("7d")
                && w.get(0).contains("--add-config message.timestamp.type=LogAppendTime,retention.ms=31536000000"), w.get(0));
        assertTrue(w.get(1).contains("shorter than topics.retention.alerts=365d"), w.get(1));
    }

    @Test
    void wellConfiguredOrUnlimitedTopicsAreNotReported() {
        assertEquals(List.of(), settings.warnings("nhi.alerts.json", config("cleanup.policy", "delete",
                "message.timestamp.type", "LogAppendTime", "retention.ms", "31536000000")));
        assertEquals(List.of(), settings.warnings("nhi.events", config("cleanup.policy", "delete",
                "message.timestamp.type", "CreateTime", "retention.ms", "-1")));
        assertEquals(List.of(), settings.warnings("nhi.inventory", config("cleanup.policy", "compact")));
    }

    @Test
    void theTriageTopicIsCompactedAndOneThatDeletesByTimeIsReported() {
        assertEquals(Map.of("cleanup.policy", "compact"), settings.managed().get("nhi.triage"));
        assertEquals(List.of(), settings.warnings("nhi.triage", config("cleanup.policy", "compact")));
        List<String> w = settings.warnings("nhi.triage", config("cleanup.policy", "delete", "retention.ms", "604800000"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("cleanup.policy=delete") && w.get(0).contains("set cleanup.policy=compact"), w.get(0));
    }

    @Test
    void anInventoryTopicThatDeletesByTimeIsReported() {
        List<String> w = settings.warnings("nhi.inventory", config("cleanup.policy", "delete", "retention.ms", "604800000"));
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("set cleanup.policy=compact"), w.get(0));
    }
}
