package io.nhidrift.adapter.cloudtrail;

import io.nhidrift.avro.UsageEvent;

/**
 * What one CloudTrail record became: exactly one of an event, a skip reason or a malformed reason.
 * {@link CloudTrailAdapter} decides how each is reported, depending on the shape the record came in.
 */
record CloudTrailOutcome(UsageEvent event, String skipped, String malformed) {

    static CloudTrailOutcome event(UsageEvent e) {
        return new CloudTrailOutcome(e, null, null);
    }

    static CloudTrailOutcome skipped(String reason) {
        return new CloudTrailOutcome(null, reason, null);
    }

    static CloudTrailOutcome malformed(String reason) {
        return new CloudTrailOutcome(null, null, reason);
    }
}
