package io.nhidrift.detect;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Thresholds of the detections (CONTRACT section 4 defaults come from the configuration). */
public record DetectionConfig(
        Duration idleAfter,
        Duration unusedWindow,
        Duration learningPeriod,
        int burstCount,
        Duration burstWindow,
        Duration allowedLateness,
        Duration maxFutureSkew,
        Duration punctuateInterval,
        int maxActionsPerCredential,
        int recentEventIds,
        Set<AlertType> disabled,
        Map<AlertType, Severity> severities) {

    public boolean enabled(AlertType type) {
        return !disabled.contains(type);
    }

    public Severity severity(AlertType type) {
        return severities.getOrDefault(type, type.defaultSeverity());
    }

    public DetectionConfig withAllowedLateness(Duration lateness) {
        return new DetectionConfig(idleAfter, unusedWindow, learningPeriod, burstCount, burstWindow, lateness,
                maxFutureSkew, punctuateInterval, maxActionsPerCredential, recentEventIds, disabled, severities);
    }
}
