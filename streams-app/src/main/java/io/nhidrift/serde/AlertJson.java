package io.nhidrift.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.Alert;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/** The JSON form of an alert (CONTRACT section 4): the replay output line and the JSON alert topic's value. */
public final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static ObjectNode toNode(Alert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", a.getAlertId());
        n.put("type", a.getType());
        n.put("severity", a.getSeverity());
        n.put("credentialId", a.getCredentialId());
        n.put("credentialKind", a.getCredentialKind());
        n.put("owner", a.getOwner());
        Object subject = a.getSubject();
        if (subject == null) {
            n.putNull("subject");
        } else if (subject instanceof List<?> list) {
            list.forEach(s -> n.withArray("subject").add(String.valueOf(s)));
        } else {
            n.put("subject", subject.toString());
        }
        n.put("eventTime", a.getEventTime().toString());
        n.put("source", a.getSource());
        n.put("summary", a.getSummary());
        n.set("evidence", evidence(a.getEvidenceJson()));
        n.put("remediation", a.getRemediation());
        ObjectNode refs = n.putObject("references");
        refs.put("owaspNhi", a.getOwaspNhi());
        refs.put("mitreAttack", a.getMitreAttack());
        return n;
    }

    public static String toLine(Alert a) {
        try {
            return MAPPER.writeValueAsString(toNode(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The alert's JSON line (UTF-8, no line end): the JSON alert topic's value and replay's {@code json} format. */
    public static byte[] toBytes(Alert a) {
        try {
            return MAPPER.writeValueAsBytes(toNode(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Serializer<Alert> serializer() {
        return (topic, alert) -> alert == null ? null : toBytes(alert);
    }

    private static JsonNode evidence(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }
}
