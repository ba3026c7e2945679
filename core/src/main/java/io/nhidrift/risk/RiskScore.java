package io.nhidrift.risk;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A credential's risk score, 0..100: the sum of the factors below, each within its cap, capped at 100
 * (README "Risk score" holds the same table). Pure and Kafka-free: the same state, entitlement and instant
 * give the same assessment. {@code entitlement} null means the credential is not in the inventory.
 *
 * <table>
 * <tr><th>factor</th><th>points</th><th>cap</th></tr>
 * <tr><td>grant-breadth</td><td>admin-equivalent grant 30; else 8 per sensitive grant + 4 per other service-wide wildcard</td><td>30</td></tr>
 * <tr><td>unused-grants</td><td>15 × share of grant patterns never used</td><td>15</td></tr>
 * <tr><td>rotation</td><td>past rotationDays 15, past 75 % of it 6; without rotationDays a long-lived secret older than 365 d 10, 90 d 5</td><td>15</td></tr>
 * <tr><td>idle</td><td>unused for 90 d 10, 30 d 6</td><td>10</td></tr>
 * <tr><td>exposure</td><td>2 per caller network beyond the first (max 6), 4 for a public address, 5 for human use</td><td>15</td></tr>
 * <tr><td>kind</td><td>not inventoried 10, oauth_client 8, aws_access_key/api_key/github_token 6, azure_service_principal 4, other 3</td><td>10</td></tr>
 * <tr><td>ownerless</td><td>inventoried without an owner 5</td><td>5</td></tr>
 * <tr><td>open-alerts</td><td>5 per alert condition still armed</td><td>15</td></tr>
 * </table>
 */
public final class RiskScore {

    static final long DAY = 86_400_000L;
    static final int MAX = 100;

    private RiskScore() {}

    public static RiskAssessment assess(CredentialState state, Entitlement entitlement, long nowMs) {
        List<RiskFactor> all = new ArrayList<>();
        if (entitlement != null) {
            all.add(GrantFactors.breadth(entitlement.getGrants()));
            all.add(GrantFactors.unused(entitlement.getGrants(), state));
            all.add(CredentialFactors.rotation(entitlement, nowMs));
        }
        all.add(CredentialFactors.idle(state, nowMs));
        all.add(CredentialFactors.exposure(state));
        all.add(CredentialFactors.kind(entitlement));
        all.add(CredentialFactors.ownerless(entitlement));
        all.add(CredentialFactors.openAlerts(state));
        List<RiskFactor> factors = all.stream().filter(f -> f.points() > 0)
                .sorted(Comparator.comparingInt(RiskFactor::points).reversed()).toList();
        int sum = factors.stream().mapToInt(RiskFactor::points).sum();
        return new RiskAssessment(Math.min(MAX, sum), factors);
    }
}
