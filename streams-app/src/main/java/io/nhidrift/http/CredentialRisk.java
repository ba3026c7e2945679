package io.nhidrift.http;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;

/**
 * The one place the query API gets a credential's risk score from (the credential view, {@code sort=risk}, the
 * summary's {@code topRisk}). The score itself is core's {@code io.nhidrift.risk.RiskScore} (branch {@code risk});
 * until it is part of the build every credential is {@link RiskView#NOT_SCORED}.
 */
final class CredentialRisk {

    RiskView assess(CredentialState state, Entitlement ent, long nowMs) {
        return RiskView.NOT_SCORED;
    }
}
