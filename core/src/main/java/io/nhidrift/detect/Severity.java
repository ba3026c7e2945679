package io.nhidrift.detect;

/** Alert severities, lowest first (CONTRACT section 4). */
public enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL }
