package io.nhidrift.recommend;

import io.nhidrift.inventory.CredentialKind;
import java.util.List;
import java.util.Locale;

/** The platform whose native policy language a recommendation is rendered in, from the credential's kind. */
public enum Platform {
    AWS(List.of(Format.AWS_IAM, Format.JSON)),
    KUBERNETES(List.of(Format.K8S_ROLE, Format.JSON)),
    GCP(List.of(Format.GCP_ROLE, Format.JSON)),
    GATEWAY(List.of(Format.GATEWAY_ROUTES, Format.JSON)),
    GENERIC(List.of(Format.JSON));

    private final String id = name().toLowerCase(Locale.ROOT);
    private final List<Format> formats;

    Platform(List<Format> formats) {
        this.formats = formats;
    }

    /** The name on the wire, e.g. {@code kubernetes}. */
    public String id() {
        return id;
    }

    /** The formats a recommendation for this platform can be downloaded in, native first. */
    public List<Format> formats() {
        return formats;
    }

    /**
     * AWS keys and roles: AWS; GCP service accounts: GCP; K8s service accounts: Kubernetes; API keys and OAuth
     * clients: the gateway (their actions are {@code METHOD /path}); anything else, and an unknown kind: generic.
     */
    public static Platform of(String kind) {
        CredentialKind k = CredentialKind.of(kind);
        if (k == null) {
            return GENERIC;
        }
        return switch (k) {
            case AWS_ACCESS_KEY, AWS_ROLE -> AWS;
            case GCP_SERVICE_ACCOUNT -> GCP;
            case K8S_SERVICE_ACCOUNT -> KUBERNETES;
            case API_KEY, OAUTH_CLIENT -> GATEWAY;
            default -> GENERIC;
        };
    }

    /** The platform a credential with no inventory (no kind) most likely belongs to, from its id. */
    public static Platform ofCredentialId(String credentialId) {
        if (credentialId.startsWith("AKIA") || credentialId.startsWith("ASIA") || credentialId.startsWith("arn:aws:")) {
            return AWS;
        }
        if (credentialId.startsWith("system:serviceaccount:")) {
            return KUBERNETES;
        }
        if (credentialId.endsWith(".gserviceaccount.com")) {
            return GCP;
        }
        return GENERIC;
    }
}
