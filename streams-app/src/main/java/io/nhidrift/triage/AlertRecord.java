package io.nhidrift.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.Alert;
import io.nhidrift.serde.AlertJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One alert as the alert store keeps it: the alert's JSON (CONTRACT section 4, exactly what the JSON alert topic
 * carried or, when suppressed, would have carried), its triage status and its triage history, oldest first.
 * Stored as JSON: {@code {"alert":{…},"status":"open","triage":[{"action","by","reason","at","expiresAt"}…]}}.
 */
public final class AlertRecord {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode alert;
    private final String status;
    private final ArrayNode triage;
    private final long eventTimeMs;

    private AlertRecord(ObjectNode alert, String status, ArrayNode triage) {
        this.alert = alert;
        this.status = status;
        this.triage = triage;
        this.eventTimeMs = Instant.parse(alert.path("eventTime").asText()).toEpochMilli();
    }

    /** A new alert: open, or suppressed by {@code suppression} (which then starts its history). */
    public static AlertRecord of(Alert a, TriageDecision suppression) {
        ArrayNode history = MAPPER.createArrayNode();
        if (suppression != null) {
            history.add(suppression.historyEntry());
        }
        return new AlertRecord(AlertJson.toNode(a), suppression == null ? AlertStatus.OPEN : AlertStatus.SUPPRESSED, history);
    }

    /** The same alert emitted again (a redelivery): the new body, the status and history kept. */
    public AlertRecord withAlert(Alert a) {
        return new AlertRecord(AlertJson.toNode(a), status, triage.deepCopy());
    }

    /** The status the decision sets, the decision appended to the history. */
    public AlertRecord withDecision(TriageDecision d) {
        ArrayNode history = triage.deepCopy();
        history.add(d.historyEntry());
        return new AlertRecord(alert, d.action().status(), history);
    }

    public String alertId() {
        return alert.path("alertId").asText();
    }

    public String credentialId() {
        return alert.path("credentialId").asText();
    }

    public String type() {
        return alert.path("type").asText();
    }

    public String severity() {
        return alert.path("severity").asText();
    }

    /** The credential's owner from the inventory, or null. */
    public String owner() {
        JsonNode o = alert.get("owner");
        return o == null || o.isNull() ? null : o.asText();
    }

    public long eventTimeMs() {
        return eventTimeMs;
    }

    public String status() {
        return status;
    }

    /** Number of decisions in the history. */
    public int decisions() {
        return triage.size();
    }

    /**
     * The API's AlertRow: the alert's JSON fields, {@code owaspNhi} and {@code mitreAttack} also at top level (the
     * alert JSON nests them under {@code references}), then {@code status} and {@code triage}.
     */
    public ObjectNode row() {
        ObjectNode n = alert.deepCopy();
        JsonNode refs = alert.path("references");
        if (!n.has("owaspNhi")) {
            n.set("owaspNhi", refs.path("owaspNhi").isMissingNode() ? MAPPER.nullNode() : refs.get("owaspNhi"));
        }
        if (!n.has("mitreAttack")) {
            n.set("mitreAttack", refs.path("mitreAttack").isMissingNode() ? MAPPER.nullNode() : refs.get("mitreAttack"));
        }
        n.put("status", status);
        n.set("triage", triage.deepCopy());
        return n;
    }

    public byte[] toBytes() {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("alert", alert);
        n.put("status", status);
        n.set("triage", triage);
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toBytes()} wrote. */
    public static AlertRecord parse(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return new AlertRecord((ObjectNode) n.get("alert"), n.get("status").asText(), (ArrayNode) n.get("triage"));
        } catch (IOException e) {
            throw new UncheckedIOException("alert store value is not an alert record", e);
        }
    }
}
