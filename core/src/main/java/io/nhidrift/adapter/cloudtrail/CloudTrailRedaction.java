package io.nhidrift.adapter.cloudtrail;

import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.Redactor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memo of {@link Redactor#redactText}: CloudTrail facets (agents, addresses, regions, event names, account
 * ids) repeat heavily and the redactor runs several regexes per value that may hold a secret, so those results
 * are reused (values without any secret marker skip both the memo and the regexes). Same function,
 * same output: the redaction invariant of {@link Events#attr} is kept exactly. Cleared when it grows past
 * {@link #REDACT_MEMO_LIMIT} entries so a long-running service cannot grow it without bound. Only values
 * the redactor leaves unchanged are memoized, so no secret stays in memory as a key.
 */
final class CloudTrailRedaction {

    private static final ConcurrentHashMap<String, String> REDACT_MEMO = new ConcurrentHashMap<>();
    private static final int REDACT_MEMO_LIMIT = 20_000;
    private static final int REDACT_MEMO_MAX_LEN = 1_024;

    private CloudTrailRedaction() {
    }

    static String redacted(String value) {
        if (value == null || value.isEmpty() || !Redactor.mayHoldSecret(value)) {
            return value; // the common case: one scan, no memo lookup (hashing a fresh string costs as much)
        }
        if (value.length() > REDACT_MEMO_MAX_LEN) {
            return Redactor.redactText(value);
        }
        String r = REDACT_MEMO.get(value);
        if (r == null) {
            r = Redactor.redactText(value);
            if (!r.equals(value)) {
                return r; // never keep a secret-bearing value around as a memo key
            }
            if (REDACT_MEMO.size() >= REDACT_MEMO_LIMIT) {
                REDACT_MEMO.clear();
            }
            REDACT_MEMO.put(value, r);
        }
        return r;
    }

    /** {@link Events#attr} with memoized redaction: puts a non-empty value, redacted. */
    static void attr(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, redacted(value));
        }
    }
}
