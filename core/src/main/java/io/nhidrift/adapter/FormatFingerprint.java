package io.nhidrift.adapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which input format a record looks like, from the names of its top-level fields only (no values, no nesting): asked
 * only for a record its own format could not attribute or read, so the normal path never pays for it. The answer
 * tells a user who replayed Kubernetes audit logs as {@code cloudtrail} what went wrong.
 */
public final class FormatFingerprint {

    /** How a wrong-format reason starts: {@code looks like k8s-audit, not cloudtrail}. */
    public static final String LOOKS_LIKE = "looks like ";

    /** Fields read at most: a fingerprint needs few, and a hostile record may have millions. */
    private static final int MAX_FIELDS = 200;

    private static final JsonFactory JSON = new JsonFactory();

    private record Print(String format, Predicate<Set<String>> matches) {}

    /** Most specific first; a format may have several prints (Azure's two log kinds share one). */
    private static final List<Print> PRINTS = List.of(
            new Print("cloudtrail", f -> f.containsAll(List.of("eventSource", "eventName", "userIdentity"))),
            new Print("k8s-audit", f -> f.containsAll(List.of("auditID", "verb")) && (f.contains("objectRef") || f.contains("user"))),
            new Print("gcp-audit", f -> f.contains("protoPayload")),
            new Print("ocsf", f -> f.contains("class_uid")),
            new Print("kong", f -> f.contains("started_at") && f.contains("request")),
            new Print("github-audit", f -> f.contains("action") && f.contains("actor")),
            new Print("azure-signin", f -> f.contains("createdDateTime") && f.contains("appId")),
            new Print("azure-activity", f -> (f.contains("operationName") || f.contains("category")) && f.contains("properties")));

    private FormatFingerprint() {}

    /**
     * {@code looks like <Y>, not <X>} when the record's top-level fields match format Y and not {@code format} X;
     * null when they match X, match nothing, or the bytes are not a JSON object.
     */
    public static String wrongFormat(byte[] raw, String format) {
        Set<String> fields = topLevelFields(raw);
        if (fields.isEmpty()) {
            return null;
        }
        String looksLike = null;
        for (Print p : PRINTS) {
            if (p.matches().test(fields)) {
                if (sameFamily(p.format(), format)) {
                    return null;
                }
                if (looksLike == null) {
                    looksLike = p.format();
                }
            }
        }
        return looksLike == null ? null : LOOKS_LIKE + looksLike + ", not " + format;
    }

    /** The format a wrong-format reason names, or null when {@code reason} is not one. */
    public static String looksLike(String reason) {
        if (reason == null || !reason.startsWith(LOOKS_LIKE)) {
            return null;
        }
        int comma = reason.indexOf(',', LOOKS_LIKE.length());
        return comma < 0 ? null : reason.substring(LOOKS_LIKE.length(), comma);
    }

    /** The two Azure formats share a shape (a record in the wrong one is not "another format"); so do gateways. */
    private static boolean sameFamily(String a, String b) {
        return a.equals(b) || a.startsWith("azure-") && b.startsWith("azure-") || b.equals("gateway-json");
    }

    private static Set<String> topLevelFields(byte[] raw) {
        Set<String> fields = new HashSet<>();
        if (raw == null || raw.length == 0) {
            return fields;
        }
        try (JsonParser p = JSON.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME && fields.size() < MAX_FIELDS) {
                fields.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // what was read before the bytes went bad is still a fingerprint
        }
        return fields;
    }
}
