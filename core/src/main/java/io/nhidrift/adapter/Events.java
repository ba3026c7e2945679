package io.nhidrift.adapter;

import io.nhidrift.avro.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Builds normalized events with the invariants every adapter must keep (redaction, ids). */
public final class Events {

    private Events() {}

    /** A new builder with the required fields; optional ones are set on the returned builder. */
    public static UsageEvent.Builder builder(String source, String eventId, String credentialId, String action,
            long eventTime) {
        return UsageEvent.newBuilder()
                .setSource(source)
                .setEventId(eventId)
                .setCredentialId(credentialId)
                .setAction(action)
                .setEventTime(eventTime)
                .setDenied(false)
                .setAttributes(new HashMap<>());
    }

    /** Puts a non-null attribute, redacting anything secret-looking. */
    public static void attr(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, Redactor.redactText(value));
        }
    }

    /** A stable id for records whose format has none: a hash of the raw bytes. */
    public static String contentId(byte[] raw) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
            return "sha256:" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String contentId(String raw) {
        return contentId(raw.getBytes(StandardCharsets.UTF_8));
    }
}
