package io.nhidrift.topology;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.config.Durations;
import io.nhidrift.config.InputLimits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks every value passes where it enters the pipeline, before it becomes a record timestamp, a state key,
 * a store entry or a topic record (README "Limitations", "Edge rules"):
 *
 * <ul>
 *   <li>times (event time, {@code asOf}, {@code createdAt}, {@code revokedAt}, {@code expiresAt}) from 1970-01-01
 *       (inclusive) to the year 3000 (exclusive); in a live run, event time and {@code asOf} also at most
 *       {@code input.max-future-skew} ahead of the wall clock (brokers refuse record timestamps more than
 *       {@code message.timestamp.after.max.ms}, 1 h by default, ahead of theirs). An {@code expiresAt} in or after
 *       the year 3000 is a "never expires" sentinel (Azure writes 2299 or 9999) and is read as none;</li>
 *   <li>ids (credential id, action, event id, grant and deny patterns): not blank, at most
 *       {@code input.max-id-length} characters, no control characters;</li>
 *   <li>free text (principal, user agent, caller, resource, error code, attributes, owner, purpose): truncated to
 *       {@code input.max-field-length} characters, marked with a trailing {@code …[truncated]};</li>
 *   <li>{@code rotationDays} at most 36500.</li>
 * </ul>
 *
 * A check answers {@code null} when the value may go on, else the reason, which never quotes the offending value
 * (it may be huge or hold control characters): it names the field and what is wrong.
 */
public final class EdgeRules {

    /** First instant out of range everywhere: 3000-01-01T00:00:00Z. */
    public static final long END_OF_TIME = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();
    static final String TRUNCATED = "…[truncated]";
    static final int MAX_ROTATION_DAYS = 36_500;

    private final InputLimits limits;
    private final boolean live;

    public EdgeRules(InputLimits limits, TimeMode mode) {
        this.limits = limits;
        this.live = mode == TimeMode.LIVE;
    }

    /** Checks an event; when it passes, its free-text fields are truncated in place. */
    public String checkEvent(UsageEvent e, long wallClock) {
        String problem = firstProblem(
                recordTime("eventTime", e.getEventTime(), wallClock),
                id("credentialId", e.getCredentialId()),
                id("action", e.getAction()),
                id("eventId", e.getEventId()));
        if (problem != null) {
            return problem;
        }
        e.setCredentialKind(clamp(e.getCredentialKind()));
        e.setPrincipal(clamp(e.getPrincipal()));
        e.setErrorCode(clamp(e.getErrorCode()));
        e.setSourceIp(clamp(e.getSourceIp()));
        e.setUserAgent(clamp(e.getUserAgent()));
        e.setResource(clamp(e.getResource()));
        if (e.getAttributes() != null && e.getAttributes().values().stream()
                .anyMatch(v -> v != null && v.length() > limits.maxFieldLength())) {
            Map<String, String> clamped = new LinkedHashMap<>();
            e.getAttributes().forEach((k, v) -> clamped.put(k, clamp(v)));
            e.setAttributes(clamped);
        }
        return null;
    }

    /** Checks an inventory version; when it passes, owner and purpose are truncated and a far {@code expiresAt} cleared. */
    public String checkEntitlement(Entitlement e, long wallClock) {
        String problem = firstProblem(
                id("credentialId", e.getCredentialId()),
                e.getAsOf() == null ? null : recordTime("asOf", e.getAsOf(), wallClock),
                e.getCreatedAt() == null ? null : inRange("createdAt", e.getCreatedAt()),
                e.getRevokedAt() == null ? null : inRange("revokedAt", e.getRevokedAt()),
                e.getLastUsedAt() == null ? null : inRange("lastUsedAt", e.getLastUsedAt()),
                e.getExpiresAt() == null || e.getExpiresAt() >= END_OF_TIME ? null : inRange("expiresAt", e.getExpiresAt()),
                e.getRotationDays() == null || e.getRotationDays() <= MAX_ROTATION_DAYS ? null
                        : "rotationDays " + e.getRotationDays() + " is more than " + MAX_ROTATION_DAYS,
                patterns("grants", e.getGrants()),
                patterns("denies", e.getDenies()));
        if (problem != null) {
            return problem;
        }
        if (e.getExpiresAt() != null && e.getExpiresAt() >= END_OF_TIME) {
            e.setExpiresAt(null);
        }
        e.setOwner(clamp(e.getOwner()));
        e.setPurpose(clamp(e.getPurpose()));
        e.setTeam(clamp(e.getTeam()));
        e.setContact(clamp(e.getContact()));
        return null;
    }

    /** Checks an id (credential id, action, ...): present, not blank, bounded, free of control characters. */
    public String id(String field, CharSequence value) {
        if (value == null || value.toString().isBlank()) {
            return field + " is missing or blank";
        }
        if (value.length() > limits.maxIdLength()) {
            return field + " is " + value.length() + " characters long; at most " + limits.maxIdLength()
                    + " (input.max-id-length)";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return field + " contains the control character U+" + String.format("%04X", (int) c) + " at index " + i;
            }
        }
        return null;
    }

    private String recordTime(String field, long t, long wallClock) {
        String problem = inRange(field, t);
        if (problem == null && live && t - wallClock > limits.maxFutureSkew().toMillis()) {
            return field + " " + iso(t) + " is more than " + Durations.format(limits.maxFutureSkew())
                    + " ahead of the wall clock " + iso(wallClock) + " (input.max-future-skew): check the source's clock and"
                    + " time zone";
        }
        return problem;
    }

    private static String inRange(String field, long t) {
        if (t < 0) {
            return field + " " + iso(t) + " is before 1970-01-01T00:00:00Z";
        }
        if (t >= END_OF_TIME) {
            return field + " " + iso(t) + " is in or after the year 3000";
        }
        return null;
    }

    private String patterns(String field, List<String> patterns) {
        for (int i = 0; patterns != null && i < patterns.size(); i++) {
            String p = id(field + "[" + i + "]", patterns.get(i));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private String clamp(String value) {
        if (value == null || value.length() <= limits.maxFieldLength()) {
            return value;
        }
        int end = limits.maxFieldLength() - TRUNCATED.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + TRUNCATED;
    }

    private static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
