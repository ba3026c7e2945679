package io.nhidrift.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code alerts.team-topics}: {@code team=topic,team=topic,...}, the per-team topics the JSON alerts of a team's
 * credentials also go to (the inventory's {@code team}, compared exactly). Empty = no per-team routing.
 */
final class TeamTopics {

    private TeamTopics() {}

    static Map<String, String> parse(String value) {
        String key = ConfigKey.ALERTS_TEAM_TOPICS.key();
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String entry : value.split(",")) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new ConfigException("invalid value '" + value + "' for key '" + key + "': entry '" + e
                        + "' is not team=topic (comma-separated, e.g. payments=nhi.alerts.payments)");
            }
            String team = e.substring(0, eq).trim();
            String topic = Ranges.topicName(key, e.substring(eq + 1).trim());
            if (team.isEmpty() || out.put(team, topic) != null) {
                throw new ConfigException("invalid value '" + value + "' for key '" + key + "': team '" + team
                        + "' is empty or named twice");
            }
        }
        return out;
    }
}
