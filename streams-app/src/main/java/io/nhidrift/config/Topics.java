package io.nhidrift.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Topic names, resolved once from configuration. */
public final class Topics {

    private final String inventory;
    private final String events;
    private final String alerts;
    private final String alertsJson;
    private final String findingsOcsf;
    private final String deadLetters;
    private final String triage;
    private final Map<String, String> rawByFormat = new LinkedHashMap<>();
    private final Map<String, String> teamAlerts;

    Topics(Map<String, String> raw, List<String> inputs) {
        this.inventory = raw.get(ConfigKey.TOPIC_INVENTORY.key());
        this.events = raw.get(ConfigKey.TOPIC_EVENTS.key());
        this.alerts = raw.get(ConfigKey.TOPIC_ALERTS.key());
        this.alertsJson = raw.get(ConfigKey.TOPIC_ALERTS_JSON.key());
        this.findingsOcsf = raw.get(ConfigKey.TOPIC_FINDINGS_OCSF.key());
        this.deadLetters = raw.get(ConfigKey.TOPIC_DEAD_LETTERS.key());
        this.teamAlerts = Map.copyOf(TeamTopics.parse(raw.get(ConfigKey.ALERTS_TEAM_TOPICS.key())));
        this.triage = raw.get(ConfigKey.TOPIC_TRIAGE.key());
        String prefix = raw.get(ConfigKey.TOPIC_RAW_PREFIX.key());
        for (String format : inputs) {
            rawByFormat.put(format, raw.getOrDefault("topic.raw." + format, prefix + format));
        }
    }

    public String inventory() {
        return inventory;
    }

    public String events() {
        return events;
    }

    public String alerts() {
        return alerts;
    }

    public String alertsJson() {
        return alertsJson;
    }

    public String findingsOcsf() {
        return findingsOcsf;
    }

    public String deadLetters() {
        return deadLetters;
    }

    /** Team to the topic its JSON alerts also go to ({@code alerts.team-topics}); empty = no per-team routing. */
    public Map<String, String> teamAlerts() {
        return teamAlerts;
    }

    /** Triage decisions (compacted, partitioned by credentialId). */
    public String triage() {
        return triage;
    }

    /** Raw topic per enabled input format, in configuration order. */
    public Map<String, String> rawByFormat() {
        return rawByFormat;
    }
}
