package io.nhidrift.detect;

import java.util.Map;

/**
 * The description of an alert the gate decided to emit, built by the detector only then.
 *
 * @param subject a String, a List of Strings, or null (CONTRACT section 4)
 * @param eventTime the evidence event's time, or the instant a time-based condition became true;
 *     also when its condition was armed
 * @param anchor what makes this occurrence unique (an event id, a due time, an inventory version)
 */
public record Finding(
        AlertType type,
        Object subject,
        long eventTime,
        String summary,
        Map<String, Object> evidence,
        String anchor) {}
