package io.nhidrift.http;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.review.CredentialStatus;
import io.nhidrift.review.GrantUsage;
import java.util.function.LongSupplier;

/**
 * Derives status (with the detectors' thresholds), granted versus used, risk and team for a snapshot, at the
 * wall-clock time of the request: live, the pipeline's idle checks run on the wall clock too.
 */
final class CredentialReview {

    private final DetectionConfig config;
    private final LongSupplier clock;
    private final CredentialRisk risk;

    CredentialReview(DetectionConfig config, LongSupplier clock, CredentialRisk risk) {
        this.config = config;
        this.clock = clock;
        this.risk = risk;
    }

    /** The wall-clock time reviews are made at now (epoch ms). */
    long now() {
        return clock.getAsLong();
    }

    Reviewed review(CredentialStateReader.Snapshot s) {
        return review(s, clock.getAsLong());
    }

    /** The review at a given instant: a whole partition reviewed at one time (the rank index's build). */
    Reviewed review(CredentialStateReader.Snapshot s, long now) {
        return new Reviewed(s, CredentialStatus.derive(s.state(), s.entitlement(), config, now),
                GrantUsage.of(s.state(), s.entitlement()), risk.assess(s.state(), s.entitlement(), now), team(s.entitlement()), now);
    }

    /** The owning team from the inventory, or null. */
    static String team(Entitlement e) {
        return e == null ? null : e.getTeam();
    }
}
