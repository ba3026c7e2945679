package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * The credential's risk, when the alert carries one: {@code risk_score} (0-100), {@code risk_level_id} by
 * bands of 20 (Info, Low, Medium, High, Critical) and the factors as {@code risk_details}.
 */
final class Risk {

    private static final String[] LEVELS = {"Info", "Low", "Medium", "High", "Critical"};

    private Risk() {}

    static void put(ObjectNode finding, AlertExtras extras) {
        if (extras.riskScore() == null) {
            return;
        }
        int score = extras.riskScore();
        int level = Math.min(4, score / 20);
        finding.put("risk_score", score);
        finding.put("risk_level_id", level);
        finding.put("risk_level", LEVELS[level]);
        if (!extras.riskFactors().isEmpty()) {
            finding.put("risk_details", extras.riskFactors().stream()
                    .map(f -> f.name() + (f.points() == null ? "" : " +" + f.points()) + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                    .collect(Collectors.joining("; ")));
        }
    }
}
