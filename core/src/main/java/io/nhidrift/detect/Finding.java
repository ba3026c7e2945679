package io.nhidrift.detect;

import java.util.Map;

/**
 * What a detector proposes: an alert of its type about one credential, before suppression.
 *
 * @param conditionKey suppression key: while it is active in the credential's state, the same
 *     finding is not emitted again (null = the detector suppresses by itself)
 * @param subject a String, a List of Strings, or null (CONTRACT section 4)
 * @param anchor what makes this occurrence unique (an event id, a due time, an inventory version)
 */
public record Finding(
        AlertType type,
        String conditionKey,
        Object subject,
        long eventTime,
        String summary,
        Map<String, Object> evidence,
        String anchor) {}
