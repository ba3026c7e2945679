package io.nhidrift.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.detect.AlertType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One triage decision, the value of a {@code nhi.triage} record (JSON):
 * <pre>{"credentialId":"AKIA…","alertId":"3f…","alertType":"NEW_CALLER","action":"suppress","by":"alice",
 *  "reason":"pen test this week","at":"2026-12-01T10:00:00Z","expiresAt":"2026-12-08T00:00:00Z"}</pre>
 *
 * <p>Every instance is valid: {@code credentialId}, {@code action}, {@code by} and {@code at} always;
 * {@code acknowledge} and {@code resolve} name an {@code alertId}; {@code suppress} names an {@code alertType} or an
 * {@code alertId} (whose type the pipeline looks up), has a {@code reason} and an {@code expiresAt} after {@code at}
 * and at most {@value #MAX_SUPPRESSION_DAYS} days later. {@code at} is when the decision was made (wall clock);
 * {@code expiresAt} is compared with the event time of alerts.
 */
public record TriageDecision(String credentialId, String alertId, String alertType, TriageAction action, String by,
        String reason, Instant at, Instant expiresAt) {

    public static final int MAX_SUPPRESSION_DAYS = 366;
    static final int MAX_ID_LENGTH = 1024;
    static final int MAX_BY_LENGTH = 256;
    static final int MAX_REASON_LENGTH = 2000;
    private static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Set<String> FIELDS = Set.of("credentialId", "alertId", "alertType", "action", "by", "reason",
            "at", "expiresAt");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** @throws TriageException naming the field that is missing or wrong */
    public TriageDecision {
        credentialId = required("credentialId", credentialId);
        checkText("credentialId", credentialId, MAX_ID_LENGTH, false);
        if (action == null) {
            throw new TriageException("action is missing: expected acknowledge, resolve or suppress");
        }
        by = required("by", by);
        checkText("by", by, MAX_BY_LENGTH, false);
        reason = blankToNull(reason);
        if (reason != null) {
            checkText("reason", reason, MAX_REASON_LENGTH, true);
        }
        if (at == null) {
            throw new TriageException("at (when the decision was made) is missing");
        }
        alertId = blankToNull(alertId);
        if (alertId != null && !ALERT_ID.matcher(alertId).matches()) {
            throw new TriageException("alertId '" + clip(alertId) + "' is not an alert id (letters, digits, '-' or '_', at most 128)");
        }
        alertType = blankToNull(alertType);
        if (alertType != null && !knownType(alertType)) {
            throw new TriageException("alertType '" + clip(alertType) + "' is not an alert type; expected one of "
                    + java.util.Arrays.toString(AlertType.values()));
        }
        if (action == TriageAction.SUPPRESS) {
            if (alertType == null && alertId == null) {
                throw new TriageException("a suppression names the alertType to keep quiet (or an alertId of that type)");
            }
            if (reason == null) {
                throw new TriageException("a suppression needs a reason");
            }
            if (expiresAt == null) {
                throw new TriageException("a suppression needs expiresAt (ISO-8601 UTC, e.g. 2026-12-08T00:00:00Z)");
            }
            if (!expiresAt.isAfter(at)) {
                throw new TriageException("expiresAt " + expiresAt + " is not after the decision time " + at);
            }
            if (expiresAt.isAfter(at.plus(Duration.ofDays(MAX_SUPPRESSION_DAYS)))) {
                throw new TriageException("expiresAt " + expiresAt + " is more than " + MAX_SUPPRESSION_DAYS
                        + " days after the decision time " + at + ": suppressions are temporary");
            }
        } else {
            if (alertId == null) {
                throw new TriageException(action.label() + " names the alertId it is about");
            }
            if (expiresAt != null) {
                throw new TriageException("expiresAt applies to suppress only, not to " + action.label());
            }
        }
    }

    /** The same decision with the alert type filled in (a suppression named by alert id, once the alert is found). */
    public TriageDecision withAlertType(String type) {
        return new TriageDecision(credentialId, alertId, type, action, by, reason, at, expiresAt);
    }

    /**
     * The record key on {@code nhi.triage}: {@code suppress/<TYPE>/<credentialId>} for a suppression (compaction keeps
     * the latest one per credential and type, the one in force), {@code alert/<alertId>} otherwise (the latest decision
     * per alert). The partition is the credential's ({@link TriagePartitioner}), whatever the key.
     */
    public String topicKey() {
        if (action == TriageAction.SUPPRESS && alertType != null) {
            return "suppress/" + alertType + "/" + credentialId;
        }
        return "alert/" + alertId;
    }

    /** Whether this suppression silences an alert of {@code type} at {@code eventTimeMs}. */
    public boolean suppresses(String type, long eventTimeMs) {
        return action == TriageAction.SUPPRESS && type.equals(alertType) && eventTimeMs < expiresAt.toEpochMilli();
    }

    public ObjectNode toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("credentialId", credentialId);
        n.put("alertId", alertId);
        n.put("alertType", alertType);
        n.put("action", action.label());
        n.put("by", by);
        n.put("reason", reason);
        n.put("at", at.toString());
        n.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        return n;
    }

    /** The entry of an alert's triage history: {@code action, by, reason, at, expiresAt}. */
    public ObjectNode historyEntry() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("action", action.label());
        n.put("by", by);
        n.put("reason", reason);
        n.put("at", at.toString());
        n.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        return n;
    }

    public byte[] toBytes() {
        try {
            return MAPPER.writeValueAsBytes(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and validates a {@code nhi.triage} value. @throws TriageException naming what is wrong */
    public static TriageDecision parse(byte[] json) {
        if (json == null) {
            throw new TriageException("empty value: a triage record holds one JSON decision");
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TriageException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TriageException("not JSON: " + e.getMessage());
        }
        return fromJson(n, null);
    }

    /**
     * A decision from a JSON object (the topic value, or an API request body with {@code at} supplied by the server).
     *
     * @param at the decision time when the object has none (null: the object must have {@code at})
     * @throws TriageException naming what is wrong
     */
    public static TriageDecision fromJson(JsonNode n, Instant at) {
        if (n == null || !n.isObject()) {
            throw new TriageException("expected a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new TriageException("unknown field '" + clip(f) + "'; expected some of " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String actionText = text(n, "action");
        TriageAction action = actionText == null ? null : TriageAction.named(actionText);
        if (actionText != null && action == null) {
            throw new TriageException("action '" + clip(actionText) + "' is not one of acknowledge, resolve, suppress");
        }
        Instant when = n.hasNonNull("at") ? instant(n, "at") : at;
        return new TriageDecision(text(n, "credentialId"), text(n, "alertId"), text(n, "alertType"), action,
                text(n, "by"), text(n, "reason"), when, instant(n, "expiresAt"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new TriageException(field + " must be a string, was " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new TriageException(field + " '" + clip(s) + "' is not an ISO-8601 UTC instant (e.g. 2026-12-08T00:00:00Z)");
        }
    }

    private static boolean knownType(String type) {
        for (AlertType t : AlertType.values()) {
            if (t.name().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new TriageException(field + " is missing");
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void checkText(String field, String value, int max, boolean lineBreaksAllowed) {
        if (value.length() > max) {
            throw new TriageException(field + " is too long: " + value.length() + " characters, at most " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\n' || c == '\t'))) {
                throw new TriageException(field + " holds a control character at position " + i);
            }
        }
    }

    private static String clip(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 64 ? b + "…" : b.toString();
    }
}
