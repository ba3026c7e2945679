package io.nhidrift.topology;

import io.nhidrift.avro.Alert;
import java.util.Map;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** The topic of an alert's team ({@code alerts.team-topics}); only alerts {@link TeamAlertFilter} passed reach it. */
final class TeamTopicExtractor implements TopicNameExtractor<String, Alert> {

    private final Map<String, String> topicByTeam;

    TeamTopicExtractor(Map<String, String> topicByTeam) {
        this.topicByTeam = Map.copyOf(topicByTeam);
    }

    @Override
    public String extract(String key, Alert alert, RecordContext context) {
        return topicByTeam.get(alert.getTeam());
    }
}
