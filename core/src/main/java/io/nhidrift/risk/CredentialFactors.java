package io.nhidrift.risk;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import java.util.Map;
import java.util.Set;

/** The factors about the credential itself: its age, its idleness, who calls it, what kind it is, who owns it, what is open. */
final class CredentialFactors {

    static final int ROTATION_CAP = 15;
    static final int IDLE_CAP = 10;
    static final int EXPOSURE_CAP = 15;
    static final int OPEN_ALERTS_CAP = 15;
    static final int OWNERLESS_POINTS = 5;
    static final int NOT_INVENTORIED_POINTS = 10;
    private static final Set<String> LONG_LIVED = Set.of("aws_access_key", "api_key", "github_token", "oauth_client",
            "azure_service_principal");
    /** Armed-condition keys are {@code TYPE} or {@code TYPE|condition} (detect.Conditions). */
    private static final String HUMAN_USE = "HUMAN_USE";

    private CredentialFactors() {}

    static RiskFactor rotation(Entitlement e, long now) {
        if (e.getCreatedAt() == null || now < e.getCreatedAt()) {
            return new RiskFactor("rotation", 0, "creation date unknown");
        }
        long ageDays = (now - e.getCreatedAt()) / RiskScore.DAY;
        Integer rotation = e.getRotationDays();
        if (rotation != null) {
            int points = ageDays > rotation ? ROTATION_CAP : ageDays * 4 > rotation * 3L ? 6 : 0;
            return new RiskFactor("rotation", points, ageDays + " days old, rotation every " + rotation + " days");
        }
        if (!LONG_LIVED.contains(e.getKind())) {
            return new RiskFactor("rotation", 0, "short-lived credentials");
        }
        int points = ageDays >= 365 ? 10 : ageDays >= 90 ? 5 : 0;
        return new RiskFactor("rotation", points, "long-lived secret " + ageDays + " days old, no rotation period");
    }

    static RiskFactor idle(CredentialState s, long now) {
        Long last = s == null ? null : s.getLastSeen() != null ? s.getLastSeen() : s.getKnownSince();
        if (last == null || now < last) {
            return new RiskFactor("idle", 0, "no use to measure from");
        }
        long days = (now - last) / RiskScore.DAY;
        int points = days >= 90 ? IDLE_CAP : days >= 30 ? 6 : 0;
        String since = s.getLastSeen() != null ? "last used " : "never used, known since ";
        return new RiskFactor("idle", points, since + days + " days ago");
    }

    static RiskFactor exposure(CredentialState s) {
        if (s == null) {
            return new RiskFactor("exposure", 0, "no callers seen");
        }
        int networks = s.getNetworks().size();
        long publicNetworks = s.getNetworks().keySet().stream().filter(PublicNetworks::isPublic).count();
        boolean human = s.getActiveConditions().keySet().stream()
                .anyMatch(k -> k.equals(HUMAN_USE) || k.startsWith(HUMAN_USE + "|"));
        int points = Math.min(6, Math.max(0, networks - 1) * 2) + (publicNetworks > 0 ? 4 : 0) + (human ? 5 : 0);
        String detail = networks + " caller network" + (networks == 1 ? "" : "s") + ", " + publicNetworks + " public"
                + (human ? ", used by a person" : "");
        return new RiskFactor("exposure", Math.min(EXPOSURE_CAP, points), detail);
    }

    static RiskFactor kind(Entitlement e) {
        if (e == null) {
            return new RiskFactor("kind", NOT_INVENTORIED_POINTS, "not in the inventory");
        }
        int points = switch (e.getKind()) {
            case "oauth_client" -> 8;
            case "aws_access_key", "api_key", "github_token" -> 6;
            case "azure_service_principal" -> 4;
            case "other" -> 3;
            default -> 0;
        };
        return new RiskFactor("kind", points, e.getKind());
    }

    static RiskFactor ownerless(Entitlement e) {
        boolean none = e != null && (e.getOwner() == null || e.getOwner().isBlank());
        return new RiskFactor("ownerless", none ? OWNERLESS_POINTS : 0, none ? "no owner in the inventory" : "owned");
    }

    static RiskFactor openAlerts(CredentialState s) {
        Map<String, Long> armed = s == null ? Map.of() : s.getActiveConditions();
        int points = Math.min(OPEN_ALERTS_CAP, armed.size() * 5);
        return new RiskFactor("open-alerts", points, armed.size() + " alert condition" + (armed.size() == 1 ? "" : "s")
                + " still open");
    }
}
