package io.nhidrift.risk;

import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The two factors about what a credential was granted: how far its grants reach, and how much of them it leaves unused. */
final class GrantFactors {

    static final int BREADTH_CAP = 30;
    static final int SENSITIVE_POINTS = 8;
    static final int SERVICE_WIDE_POINTS = 4;
    static final int UNUSED_CAP = 15;

    private GrantFactors() {}

    static RiskFactor breadth(List<String> grants) {
        List<String> admin = grants.stream().filter(SensitiveGrants::adminEquivalent).toList();
        if (!admin.isEmpty()) {
            return new RiskFactor("grant-breadth", BREADTH_CAP, "admin-equivalent grant " + admin.get(0));
        }
        List<String> sensitive = grants.stream().filter(SensitiveGrants::sensitive).toList();
        long wide = grants.stream().filter(g -> !SensitiveGrants.sensitive(g) && SensitiveGrants.serviceWide(g)).count();
        int points = (int) Math.min(BREADTH_CAP, sensitive.size() * SENSITIVE_POINTS + wide * SERVICE_WIDE_POINTS);
        StringBuilder detail = new StringBuilder();
        if (!sensitive.isEmpty()) {
            detail.append(sensitive.size()).append(" sensitive grant").append(sensitive.size() == 1 ? "" : "s")
                    .append(" (").append(String.join(", ", sensitive.subList(0, Math.min(3, sensitive.size()))))
                    .append(sensitive.size() > 3 ? ", …" : "").append(")");
        }
        if (wide > 0) {
            detail.append(detail.length() == 0 ? "" : ", ").append(wide).append(" service-wide wildcard")
                    .append(wide == 1 ? "" : "s");
        }
        return new RiskFactor("grant-breadth", points, detail.toString());
    }

    /** The share of grant patterns no successful in-scope use has matched (under any entitlement version). */
    static RiskFactor unused(List<String> grants, CredentialState state) {
        if (grants.isEmpty()) {
            return new RiskFactor("unused-grants", 0, "no grants");
        }
        Set<String> used = new HashSet<>();
        if (state != null) {
            for (ActionUsage a : state.getActions().values()) {
                if (Boolean.TRUE.equals(a.getInScope())) {
                    used.addAll(a.getMatchedGrants());
                }
            }
        }
        Set<String> distinct = new HashSet<>(grants);
        long unused = distinct.stream().filter(g -> !used.contains(g)).count();
        int points = (int) Math.round(UNUSED_CAP * (double) unused / distinct.size());
        return new RiskFactor("unused-grants", points, unused + " of " + distinct.size() + " grant patterns never used");
    }
}
