package io.nhidrift.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.config.ConfigKey;
import io.nhidrift.testing.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SIEM shipping files under {@code docker/siem/} (docs/SIEM.md) parse and name the topics nhi-drift writes by
 * default. Only that: no Splunk, Logstash or AWS runs here.
 */
@UnitTest
class SiemConfigFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCSF_TOPIC = ConfigKey.TOPIC_FINDINGS_OCSF.defaultValue();
    private static final String JSON_TOPIC = ConfigKey.TOPIC_ALERTS_JSON.defaultValue();

    private static Path siem(String file) {
        return DeployFiles.docker().resolve("siem").resolve(file);
    }

    private static JsonNode json(String file) throws IOException {
        return JSON.readTree(siem(file).toFile());
    }

    @Test
    void theSplunkConnectorsReadTheAlertTopicsCommittedWithSourcetypesPropsConfDefines() throws IOException {
        String props = Files.readString(siem("splunk/props.conf"));
        for (String[] c : List.of(new String[] {"splunk/splunk-sink-ocsf.json", OCSF_TOPIC},
                new String[] {"splunk/splunk-sink-alerts-json.json", JSON_TOPIC})) {
            JsonNode config = json(c[0]).get("config");
            assertEquals("com.splunk.kafka.connect.SplunkSinkConnector", config.get("connector.class").asText(), c[0]);
            assertEquals(c[1], config.get("topics").asText(), c[0]);
            assertEquals("read_committed", config.get("consumer.override.isolation.level").asText(), c[0]);
            assertTrue(props.contains("[" + config.get("splunk.sourcetypes").asText() + "]"), c[0] + ": sourcetype in props.conf");
            assertTrue(props.contains("LINE_BREAKER = (" + config.get("splunk.hec.raw.line.breaker").asText() + ")"), c[0]);
        }
    }

    @Test
    void logstashReadsBothTopicsCommitted() throws IOException {
        String conf = Files.readString(siem("elastic/logstash-nhi-drift.conf"));
        assertTrue(conf.contains("topics            => [\"" + OCSF_TOPIC + "\"]"), conf);
        assertTrue(conf.contains("topics            => [\"" + JSON_TOPIC + "\"]"), conf);
        assertEquals(2, conf.split("isolation_level   => \"read_committed\"", -1).length - 1);
    }

    @Test
    void securityLakeHasOneCustomSourcePerOcsfClassAndFirehoseReadsTheOcsfTopic() throws IOException {
        JsonNode sources = json("security-lake/custom-log-sources.json").get("sources");
        assertEquals("[\"DETECTION_FINDING\"]", sources.get(0).get("eventClasses").toString());
        assertEquals("[\"IAM_ANALYSIS_FINDING\"]", sources.get(1).get("eventClasses").toString());
        JsonNode firehose = json("security-lake/firehose-detection-finding.json");
        assertEquals(OCSF_TOPIC, firehose.at("/MSKSourceConfiguration/TopicName").asText());
        assertTrue(firehose.at("/ExtendedS3DestinationConfiguration/Prefix").asText()
                .contains("/eventDay=!{partitionKeyFromQuery:eventDay}/"));
    }
}
