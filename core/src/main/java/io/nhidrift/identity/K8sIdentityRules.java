package io.nhidrift.identity;

/**
 * Kubernetes usernames: {@code system:serviceaccount:<ns>:<name>} is a machine; the control plane acting for
 * itself ({@code system:node:*}, {@code system:kube-*}, {@code system:apiserver}, {@code system:anonymous}, any
 * other {@code system:*}, and managed-cluster components such as EKS's {@code eks:*}) is the platform; any other
 * name (an OIDC user, {@code kubernetes-admin}, a client-certificate CN) is a person.
 */
final class K8sIdentityRules {

    private K8sIdentityRules() {}

    static IdentityClass classify(String username) {
        if (username.startsWith("system:serviceaccount:")) {
            return IdentityClass.MACHINE;
        }
        if (username.startsWith("system:") || username.startsWith("eks:")) {
            return IdentityClass.PLATFORM;
        }
        return IdentityClass.HUMAN;
    }
}
