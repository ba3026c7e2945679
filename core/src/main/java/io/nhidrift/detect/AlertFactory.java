package io.nhidrift.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.risk.RiskAssessment;
import io.nhidrift.risk.RiskScore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an admitted finding into an {@link Alert}: deterministic id, severity, owner, evidence. */
public final class AlertFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DetectionConfig config;
    private final Map<AlertType, Detector> detectors;

    public AlertFactory(DetectionConfig config, Map<AlertType, Detector> detectors) {
        this.config = config;
        this.detectors = detectors;
    }

    /**
     * The alert of an admitted finding. {@code state} is the credential's state as the gate left it (its
     * conditions armed): the risk score is computed from it here, so only for alerts that are emitted.
     */
    public Alert create(String credentialId, Finding f, Entitlement entitlement, UsageEvent event, CredentialState state) {
        Detector d = detectors.get(f.type());
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (event != null) {
            evidence.put("event", eventEvidence(event));
        }
        evidence.putAll(f.evidence());
        if (entitlement != null) {
            evidence.put("entitlement", entitlementEvidence(entitlement));
        }
        String kind = entitlement != null ? entitlement.getKind() : event != null ? event.getCredentialKind() : null;
        String owner = entitlement == null ? null : entitlement.getOwner();
        RiskAssessment risk = RiskScore.assess(state, entitlement, f.eventTime());
        return Alert.newBuilder()
                .setAlertId(alertId(f.type(), credentialId, f.subject(), f.anchor()))
                .setType(f.type().name())
                .setSeverity(config.severity(f.type()).name())
                .setCredentialId(credentialId)
                .setCredentialKind(kind)
                .setOwner(owner)
                .setTeam(entitlement == null ? null : entitlement.getTeam())
                .setContact(entitlement == null ? null : entitlement.getContact())
                .setOwnerless(owner == null || owner.isBlank())
                .setRiskScore(risk.score())
                .setRiskFactorsJson(toJson(risk.factors()))
                .setSubject(f.subject())
                .setEventTime(Instant.ofEpochMilli(f.eventTime()))
                .setSource(event == null ? null : event.getSource())
                .setSummary(f.summary())
                .setEvidenceJson(toJson(evidence))
                .setRemediation(d == null ? null : d.remediation())
                .setOwaspNhi(f.type().owaspNhi())
                .setMitreAttack(f.type().mitreAttack())
                .build();
    }

    /**
     * Same type, credential, subject and anchor give the same id; any difference gives another
     * (128 bits of SHA-256, so two different alerts do not share one in practice).
     */
    public static String alertId(AlertType type, String credentialId, Object subject, String anchor) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(type.name(), credentialId, String.valueOf(subject), String.valueOf(anchor))) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> eventEvidence(UsageEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", e.getEventId());
        m.put("source", e.getSource());
        m.put("eventTime", Instant.ofEpochMilli(e.getEventTime()).toString());
        m.put("credentialId", e.getCredentialId());
        putIfNotNull(m, "principal", e.getPrincipal());
        m.put("action", e.getAction());
        m.put("denied", e.getDenied());
        putIfNotNull(m, "errorCode", e.getErrorCode());
        putIfNotNull(m, "sourceIp", e.getSourceIp());
        putIfNotNull(m, "userAgent", e.getUserAgent());
        putIfNotNull(m, "resource", e.getResource());
        if (!e.getAttributes().isEmpty()) {
            m.put("attributes", new java.util.TreeMap<>(e.getAttributes()));
        }
        return m;
    }

    private static Map<String, Object> entitlementEvidence(Entitlement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.getKind());
        putIfNotNull(m, "owner", e.getOwner());
        putIfNotNull(m, "team", e.getTeam());
        putIfNotNull(m, "contact", e.getContact());
        putIfNotNull(m, "purpose", e.getPurpose());
        m.put("grants", e.getGrants());
        m.put("denies", e.getDenies());
        putIfNotNull(m, "createdAt", iso(e.getCreatedAt()));
        putIfNotNull(m, "expiresAt", iso(e.getExpiresAt()));
        putIfNotNull(m, "rotationDays", e.getRotationDays());
        putIfNotNull(m, "asOf", iso(e.getAsOf()));
        putIfNotNull(m, "revokedAt", iso(e.getRevokedAt()));
        return m;
    }

    public static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static void putIfNotNull(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence is not serializable", e);
        }
    }
}
