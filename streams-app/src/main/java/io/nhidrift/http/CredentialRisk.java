package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.risk.RiskAssessment;
import io.nhidrift.risk.RiskFactor;
import io.nhidrift.risk.RiskScore;

/**
 * The one place the query API's rows, {@code sort=risk} and the summary's {@code topRisk} get a credential's risk
 * from: core's {@link RiskScore}, assessed at the request's wall-clock time (the same score the credential view
 * and the alerts show).
 */
final class CredentialRisk {

    RiskView assess(CredentialState state, Entitlement ent, long nowMs) {
        RiskAssessment r = RiskScore.assess(state, ent, nowMs);
        return new RiskView(r.score(), r.factors().stream()
                .map((RiskFactor f) -> new RiskView.Factor(f.name(), f.points(), f.detail())).toList());
    }
}
