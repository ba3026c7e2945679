package io.nhidrift.identity;

import io.nhidrift.avro.UsageEvent;

/**
 * Classifies the principal of a normalized event (CONTRACT section 2a), by the rules of its input format.
 * Pure and allocation-free on the common path; an inventoried credential is machine whatever this says
 * (the engine asks only for credentials absent from the inventory).
 */
public final class IdentityClassifier {

    private IdentityClassifier() {}

    public static IdentityClass classify(UsageEvent e) {
        return switch (e.getSource()) {
            case "cloudtrail" -> AwsIdentityRules.classify(e);
            case "k8s-audit" -> K8sIdentityRules.classify(e.getCredentialId());
            case "gcp-audit" -> gcp(e.getCredentialId());
            case "azure-signin", "azure-activity" -> "azure_service_principal".equals(e.getCredentialKind())
                    ? IdentityClass.MACHINE : IdentityClass.HUMAN;
            case "github-audit" -> github(e);
            case "ocsf" -> ocsf(e);
            default -> IdentityClass.MACHINE; // gateway consumers (kong, gateway-json) are API clients
        };
    }

    /** Service accounts and workload-identity principals are machine; any other principal (an email) is a person. */
    static IdentityClass gcp(String principal) {
        if (principal.endsWith(".gserviceaccount.com") || principal.startsWith("principal://")
                || principal.startsWith("principalSet://") || principal.indexOf('@') < 0) {
            return IdentityClass.MACHINE;
        }
        return IdentityClass.HUMAN;
    }

    /** Tokens (PATs, OAuth, installation tokens) and App bots are machine; an actor in a web session is a person. */
    static IdentityClass github(UsageEvent e) {
        if ("github_token".equals(e.getCredentialKind()) || e.getCredentialId().endsWith("[bot]")
                || e.getAttributes().containsKey("programmatic_access_type")) {
            return IdentityClass.MACHINE;
        }
        return IdentityClass.HUMAN;
    }

    /** OCSF {@code actor.user.type}: User/Admin are people, System the platform, the rest (Service, Other) machine. */
    static IdentityClass ocsf(UsageEvent e) {
        String type = e.getAttributes().get("user_type");
        if (type == null || "aws_access_key".equals(e.getCredentialKind())) {
            return IdentityClass.MACHINE;
        }
        String t = type.toLowerCase(java.util.Locale.ROOT);
        if (t.equals("user") || t.equals("admin")) {
            return IdentityClass.HUMAN;
        }
        return t.equals("system") ? IdentityClass.PLATFORM : IdentityClass.MACHINE;
    }
}
