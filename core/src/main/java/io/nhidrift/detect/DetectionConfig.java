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
        Map<AlertType, Severity> severities,
        SameNetworks sameNetworks,
        int maxSessionsPerCredential) {

    /** Without the session settings: their defaults (CONTRACT section 4). */
    public DetectionConfig(Duration idleAfter, Duration unusedWindow, Duration learningPeriod, int burstCount,
            Duration burstWindow, Duration allowedLateness, Duration maxFutureSkew, Duration punctuateInterval,
            int maxActionsPerCredential, int recentEventIds, Set<AlertType> disabled, Map<AlertType, Severity> severities) {
        this(idleAfter, unusedWindow, learningPeriod, burstCount, burstWindow, allowedLateness, maxFutureSkew,
                punctuateInterval, maxActionsPerCredential, recentEventIds, disabled, severities, SameNetworks.defaults(),
                DEFAULT_MAX_SESSIONS);
    }

    /** Session origins remembered per credential by default. */
    public static final int DEFAULT_MAX_SESSIONS = 64;

    public boolean enabled(AlertType type) {
        return !disabled.contains(type);
    }

    public Severity severity(AlertType type) {
        return severities.getOrDefault(type, type.defaultSeverity());
    }

    public DetectionConfig withAllowedLateness(Duration lateness) {
        return new DetectionConfig(idleAfter, unusedWindow, learningPeriod, burstCount, burstWindow, lateness,
                maxFutureSkew, punctuateInterval, maxActionsPerCredential, recentEventIds, disabled, severities,
                sameNetworks, maxSessionsPerCredential);
    }
}
