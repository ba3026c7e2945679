package io.nhidrift.ocsf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.Alert;
import java.util.List;

/**
 * An alert as an OCSF 1.8.0 finding (docs/SIEM.md has the field-by-field mapping): a Detection Finding
 * (class 2004), or an IAM Analysis Finding (class 2008) for {@code UNUSED_ENTITLEMENT}. Only the alert's own
 * fields go in, and its evidence is the already-redacted evidence of the JSON alert, so no secret can reach a
 * finding that did not already reach the alert.
 */
public final class OcsfFindings {

    /** The OCSF schema version the findings follow. */
    public static final String SCHEMA_VERSION = "1.8.0";
    public static final String PRODUCT = "nhi-drift";
    /** Profiles declared in {@code metadata.profiles}; {@code security_control} brings {@code attacks} and risk. */
    public static final List<String> PROFILES = List.of("security_control");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JSON.getNodeFactory();

    private OcsfFindings() {}

    /** The finding as JSON bytes (UTF-8), for the OCSF topic and {@code replay --format ocsf}. */
    public static byte[] toJson(Alert alert, String productVersion) {
        try {
            return JSON.writeValueAsBytes(toNode(alert, productVersion));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OCSF finding is always serializable", e);
        }
    }

    /** The finding as a JSON tree. */
    public static ObjectNode toNode(Alert a, String productVersion) {
        JsonNode evidence = evidence(a.getEvidenceJson());
        AlertExtras extras = AlertExtras.of(a);
        FindingClass cls = FindingClass.forAlertType(a.getType());
        long time = a.getEventTime().toEpochMilli();
        OcsfSeverity severity = OcsfSeverity.of(a.getSeverity());

        ObjectNode n = F.objectNode();
        n.put("category_uid", FindingClass.CATEGORY_UID);
        n.put("category_name", FindingClass.CATEGORY_NAME);
        n.put("class_uid", cls.uid());
        n.put("class_name", cls.caption());
        n.put("activity_id", FindingClass.ACTIVITY_CREATE);
        n.put("activity_name", FindingClass.ACTIVITY_CREATE_NAME);
        n.put("type_uid", cls.typeUid());
        n.put("type_name", cls.typeName());
        n.put("severity_id", severity.id());
        n.put("severity", severity.caption());
        n.put("status_id", 1);
        n.put("status", "New");
        n.put("time", time);
        n.put("timezone_offset", 0);
        n.put("message", a.getSummary());
        n.put("is_alert", true);
        ArrayNode attacks = Attacks.of(a.getMitreAttack(), F);
        n.set("metadata", metadata(a, productVersion));
        n.set("finding_info", findingInfo(a, extras, time, attacks));
        if (!attacks.isEmpty()) {
            n.set("attacks", attacks.deepCopy());
        }
        if (cls == FindingClass.IAM_ANALYSIS) {
            n.set("user", CredentialSubject.user(a, extras, F));
            n.set("permission_analysis_results", CredentialSubject.permissionAnalysis(a, evidence, F));
        } else {
            n.set("resources", CredentialSubject.resources(a, extras, F));
            n.set("evidences", Evidences.of(evidence, a.getCredentialId(), F));
        }
        if (a.getRemediation() != null && !a.getRemediation().isBlank()) {
            n.putObject("remediation").put("desc", a.getRemediation());
        }
        Risk.put(n, extras);
        ObjectNode unmapped = unmapped(a);
        if (!unmapped.isEmpty()) {
            n.set("unmapped", unmapped);
        }
        return n;
    }

    private static ObjectNode metadata(Alert a, String productVersion) {
        ObjectNode m = F.objectNode();
        m.put("version", SCHEMA_VERSION);
        m.put("uid", a.getAlertId());
        m.put("event_code", a.getType());
        PROFILES.forEach(m.withArray("profiles")::add);
        ObjectNode product = m.putObject("product");
        product.put("name", PRODUCT);
        product.put("uid", PRODUCT);
        product.put("vendor_name", PRODUCT);
        product.put("version", productVersion == null || productVersion.isBlank() ? "unknown" : productVersion);
        return m;
    }

    private static ObjectNode findingInfo(Alert a, AlertExtras extras, long time, ArrayNode attacks) {
        ObjectNode fi = F.objectNode();
        fi.put("uid", a.getAlertId());
        fi.put("title", Analytics.title(a.getType()) + ": " + a.getCredentialId());
        fi.put("desc", a.getSummary());
        ArrayNode types = fi.putArray("types").add(a.getType());
        if (a.getOwaspNhi() != null) {
            types.add(a.getOwaspNhi());
        }
        fi.set("analytic", Analytics.of(a.getType(), F));
        fi.put("created_time", time);
        fi.put("first_seen_time", time);
        fi.put("last_seen_time", time);
        if (a.getSource() != null) {
            fi.putArray("data_sources").add(a.getSource());
        }
        if (!attacks.isEmpty()) {
            fi.set("attacks", attacks);
        }
        ArrayNode tags = F.arrayNode();
        tag(tags, "owasp_nhi", a.getOwaspNhi());
        tag(tags, "owner", a.getOwner());
        tag(tags, "team", extras.team());
        tag(tags, "contact", extras.contact());
        if (extras.ownerless() != null) {
            tag(tags, "ownerless", extras.ownerless().toString());
        }
        tag(tags, "credential_kind", CredentialSubject.kind(a));
        fi.set("tags", tags);
        return fi;
    }

    private static void tag(ArrayNode tags, String name, String value) {
        if (value != null && !value.isBlank()) {
            ObjectNode t = tags.addObject();
            t.put("name", name);
            t.put("value", value);
        }
    }

    /** What OCSF has no attribute for: the alert's subject and input format, as in the JSON alert. */
    private static ObjectNode unmapped(Alert a) {
        ObjectNode u = F.objectNode();
        Object subject = a.getSubject();
        if (subject instanceof List<?> list) {
            ArrayNode s = u.putArray("subject");
            list.forEach(x -> s.add(String.valueOf(x)));
        } else if (subject != null) {
            u.put("subject", subject.toString());
        }
        if (a.getSource() != null) {
            u.put("source", a.getSource());
        }
        return u;
    }

    private static JsonNode evidence(String json) {
        if (json == null) {
            return F.objectNode();
        }
        try {
            JsonNode n = JSON.readTree(json);
            return n == null ? F.objectNode() : n;
        } catch (JsonProcessingException e) {
            return F.objectNode().put("text", json);
        }
    }
}
