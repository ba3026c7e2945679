package io.nhidrift.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import io.nhidrift.testing.TopologyTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code alerts.team-topics}: a team's JSON alerts go to its own topic too; everything stays on the main topics. */
@TopologyTest
class TeamRoutingTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYMENTS_KEY = "AKIATEAMPAYMENTS0001";
    private static final String DATA_KEY = "AKIATEAMDATA00000001";
    private static final String LONE_KEY = "AKIATEAMNONE00000001";

    private final DriftHarness h = new DriftHarness(Map.of("alerts.team-topics",
            "payments=nhi.alerts.payments, data = nhi.alerts.data"));

    @AfterEach
    void close() {
        h.close();
    }

    private static String inventory(String id, String teamField) {
        return "{\"credentialId\":\"" + id + "\",\"kind\":\"aws_access_key\",\"owner\":\"alice\"" + teamField
                + ",\"grants\":[\"s3:GetObject\"],\"asOf\":\"2026-07-01T00:00:00Z\"}";
    }

    private List<JsonNode> read(String topic) {
        TestOutputTopic<String, byte[]> out = h.driver().createOutputTopic(topic, new StringDeserializer(),
                new ByteArrayDeserializer());
        return out.readValuesToList().stream().map(v -> {
            try {
                return JSON.readTree(v);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void eachTeamsAlertsAlsoGoToItsTopicAndNoOtherTeamsDo() {
        h.inventory(inventory(PAYMENTS_KEY, ",\"team\":\"payments\",\"contact\":\"#payments\""));
        h.inventory(inventory(DATA_KEY, ",\"team\":\"data\""));
        h.inventory(inventory(LONE_KEY, ",\"team\":\"platform\""));
        h.use(PAYMENTS_KEY, "iam:CreateUser", "2026-07-02T00:00:00Z");
        h.use(DATA_KEY, "iam:CreateUser", "2026-07-02T00:01:00Z");
        h.use(LONE_KEY, "iam:CreateUser", "2026-07-02T00:02:00Z");

        List<JsonNode> payments = read("nhi.alerts.payments");
        assertEquals(List.of(PAYMENTS_KEY), payments.stream().map(a -> a.get("credentialId").asText()).toList());
        assertEquals("payments", payments.get(0).get("team").asText());
        assertEquals("#payments", payments.get(0).get("contact").asText());
        assertEquals(List.of(DATA_KEY), read("nhi.alerts.data").stream().map(a -> a.get("credentialId").asText()).toList());
        assertEquals(3, h.alerts("OUT_OF_SCOPE_USE").size(), "every alert stays on the main JSON topic");
    }

    @Test
    void aCredentialWithoutTeamGoesOnlyToTheMainTopics() {
        h.inventory(inventory(LONE_KEY, ""));
        h.use(LONE_KEY, "iam:CreateUser", "2026-07-02T00:00:00Z");
        assertEquals(1, h.alerts("OUT_OF_SCOPE_USE").size());
        assertTrue(h.alerts("OUT_OF_SCOPE_USE").get(0).get("ownerless").isBoolean());
        assertEquals(List.of(), read("nhi.alerts.payments"));
        assertEquals(List.of(), read("nhi.alerts.data"));
    }

    @Test
    void badTeamTopicSettingsStopTheStartNamingTheKey() {
        for (String bad : List.of("payments", "payments=", "=topic", "payments=bad topic", "a=t1,a=t2")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> AppConfig.from(Map.of("alerts.team-topics", bad)), bad);
            assertTrue(e.getMessage().contains("alerts.team-topics"), e.getMessage());
        }
        assertEquals(Map.of("payments", "nhi.alerts.payments"),
                AppConfig.from(Map.of("alerts.team-topics", "payments=nhi.alerts.payments")).topics().teamAlerts());
    }
}
