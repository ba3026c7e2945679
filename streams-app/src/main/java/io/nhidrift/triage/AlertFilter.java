package io.nhidrift.triage;

/**
 * The filters of the alert list; null = any. {@code since} is inclusive and {@code until} exclusive (epoch ms of
 * event time), so a console that polls with {@code since} = the newest event time it has seen sees that alert again
 * (and de-duplicates by alertId) rather than miss one stamped with the same millisecond.
 */
public record AlertFilter(String credential, String type, String severity, Long since, Long until, String status,
        String owner) {

    public static final AlertFilter ANY = new AlertFilter(null, null, null, null, null, null, null);

    public boolean matches(AlertRecord r) {
        return (credential == null || credential.equals(r.credentialId()))
                && (type == null || type.equals(r.type()))
                && (severity == null || severity.equals(r.severity()))
                && (since == null || r.eventTimeMs() >= since)
                && (until == null || r.eventTimeMs() < until)
                && (status == null || status.equals(r.status()))
                && (owner == null || owner.equals(r.owner()));
    }

    /** The same filters for one credential. */
    public AlertFilter forCredential(String credentialId) {
        return new AlertFilter(credentialId, type, severity, since, until, status, owner);
    }
}
