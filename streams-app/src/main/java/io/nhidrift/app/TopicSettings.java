package io.nhidrift.app;

import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigKey;
import io.nhidrift.config.Durations;
import io.nhidrift.config.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The settings of the topics nhi-drift writes, and what is wrong with existing ones.
 *
 * <p>nhi-drift stamps alerts with their event time and events with theirs. On a topic with
 * {@code message.timestamp.type=CreateTime} that time is the record timestamp, and time retention counts from
 * it: an alert about an event older than {@code retention.ms} (7 days by broker default) would be deleted at the
 * next retention check, while the state remembers it as alerted. So the alert, event and dead-letter topics are
 * created with {@code message.timestamp.type=LogAppendTime} (the broker stamps the time of writing, which it also
 * never refuses as too far in the future) and their own retention ({@code topics.retention.*}); the inventory is
 * compacted (never deleted by time).
 */
final class TopicSettings {

    private final Topics topics;
    private final Map<String, Map<String, String>> managed = new LinkedHashMap<>();
    private final Map<String, ConfigKey> retentionKeyOf = new LinkedHashMap<>();
    private final AppConfig config;

    TopicSettings(AppConfig config) {
        this.config = config;
        this.topics = config.topics();
        timeRetained(topics.events(), ConfigKey.RETENTION_EVENTS);
        managed.put(topics.inventory(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        timeRetained(topics.alerts(), ConfigKey.RETENTION_ALERTS);
        timeRetained(topics.alertsJson(), ConfigKey.RETENTION_ALERTS);
        timeRetained(topics.findingsOcsf(), ConfigKey.RETENTION_ALERTS);
        timeRetained(topics.deadLetters(), ConfigKey.RETENTION_DEAD_LETTERS);
        topics.teamAlerts().values().forEach(t -> timeRetained(t, ConfigKey.RETENTION_ALERTS));
        managed.put(topics.triage(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private void timeRetained(String topic, ConfigKey retention) {
        managed.put(topic, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retentionMs(retention))));
        retentionKeyOf.put(topic, retention);
    }

    /** Topic name to the configs nhi-drift creates it with (raw topics are not here: broker defaults). */
    Map<String, Map<String, String>> managed() {
        return managed;
    }

    /** Warnings about existing topics among {@code names} whose settings would delete alerts, events or inventory early. */
    List<String> warnings(Admin admin, List<String> names, long deadlineNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<ConfigResource> resources = names.stream().filter(managed::containsKey)
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        if (resources.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, Config> described = admin.describeConfigs(resources).all()
                .get(TopicCreator.left(deadlineNanos), TimeUnit.NANOSECONDS);
        List<String> warnings = new ArrayList<>();
        described.forEach((r, c) -> warnings.addAll(warnings(r.name(), c)));
        return warnings;
    }

    List<String> warnings(String topic, Config c) {
        String policy = value(c, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (topic.equals(topics.triage())) {
            return policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) && !policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)
                    ? List.of()
                    : List.of("topic '" + topic + "' has cleanup.policy=" + policy + ": triage decisions (suppressions in"
                            + " force) are deleted by time and lost if the alert store is ever rebuilt from the topic;"
                            + " set cleanup.policy=compact");
        }
        if (topic.equals(topics.inventory())) {
            return policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) && !policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)
                    ? List.of()
                    : List.of("topic '" + topic + "' has cleanup.policy=" + policy + ": inventory versions are deleted by"
                            + " time and credentials then look unknown after a restore; set cleanup.policy=compact");
        }
        ConfigKey key = retentionKeyOf.get(topic);
        if (key == null || !policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        long retention = Long.parseLong(value(c, TopicConfig.RETENTION_MS_CONFIG, "604800000"));
        String type = value(c, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        String fix = "kafka-configs --alter --entity-type topics --entity-name " + topic
                + " --add-config message.timestamp.type=LogAppendTime,retention.ms=" + config.retentionMs(key);
        if (retention >= 0 && "CreateTime".equals(type)) {
            out.add("topic '" + topic + "' keeps the producer's record timestamps (message.timestamp.type=CreateTime) and"
                    + " deletes by time (retention.ms=" + retention + ", " + Durations.format(Duration.ofMillis(retention))
                    + "): nhi-drift stamps records with their event time, so records about events older than that are"
                    + " deleted at the next retention check; fix: " + fix);
        }
        long wanted = config.retentionMs(key);
        if (retention >= 0 && (wanted < 0 || retention < wanted)) {
            out.add("topic '" + topic + "' has retention.ms=" + retention + ", shorter than " + key.key() + "="
                    + config.get(key) + "; fix: " + fix);
        }
        return out;
    }

    private static String value(Config c, String name, String fallback) {
        ConfigEntry e = c.get(name);
        return e == null || e.value() == null ? fallback : e.value();
    }
}
