package io.nhidrift.risk;

import io.nhidrift.inventory.Glob;
import java.util.List;
import java.util.Locale;

/**
 * What a grant pattern reaches, in the action vocabulary of CONTRACT section 2: everything
 * ({@code *}, {@code *:*}, {@code iam:*}: whoever holds it can grant itself the rest), a sensitive
 * action (IAM writes, secrets, key decryption, parameters, pod exec, IAM policy changes), or a whole
 * service or resource tree ({@code s3:*}, {@code storage.*}, {@code GET /v1/*}).
 */
final class SensitiveGrants {

    /** Grants whose holder can do anything, or give itself anything. */
    private static final List<String> ADMIN_EQUIVALENT = List.of("*", "*:*", "iam:*");

    /** Representative sensitive actions: a grant that matches one of them reaches a sensitive action. */
    private static final List<String> SENSITIVE_ACTIONS = List.of(
            "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:CreateAccessKey", "iam:CreateUser", "iam:CreateRole",
            "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:UpdateAssumeRolePolicy", "iam:PassRole",
            "secretsmanager:GetSecretValue", "kms:Decrypt", "ssm:GetParameter", "ssm:GetParameters",
            "ssm:GetParametersByPath", "sts:AssumeRole",
            "secrets:get", "secrets:list", "secrets:watch", "pods/exec:create", "pods/attach:create",
            "serviceaccounts/token:create", "clusterrolebindings.rbac.authorization.k8s.io:create",
            "resourcemanager.projects.setIamPolicy", "iam.serviceAccounts.setIamPolicy",
            "iam.serviceAccountKeys.create", "iam.serviceAccounts.getAccessToken", "secretmanager.versions.access",
            "cloudkms.cryptoKeyVersions.useToDecrypt");

    /** Grant patterns sensitive by their own text (any GCP {@code *.setIamPolicy}, every IAM write verb). */
    private static final List<Glob> SENSITIVE_PATTERNS = List.of(new Glob("*.setIamPolicy"), new Glob("iam:Put*"),
            new Glob("iam:Create*"), new Glob("iam:Attach*"), new Glob("iam:Update*"), new Glob("secrets:*"),
            new Glob("pods/exec:*"));

    private SensitiveGrants() {}

    static boolean adminEquivalent(String grant) {
        String g = grant.trim().toLowerCase(Locale.ROOT);
        return ADMIN_EQUIVALENT.contains(g);
    }

    static boolean sensitive(String grant) {
        Glob g = new Glob(grant);
        for (String action : SENSITIVE_ACTIONS) {
            if (g.matches(action)) {
                return true;
            }
        }
        for (Glob p : SENSITIVE_PATTERNS) {
            if (p.matches(grant)) {
                return true;
            }
        }
        return false;
    }

    /** A wildcard over a whole service or resource tree: the text before the first {@code *} ends at a separator. */
    static boolean serviceWide(String grant) {
        int star = grant.indexOf('*');
        if (star < 0) {
            return false;
        }
        if (star == 0) {
            return true;
        }
        char before = grant.charAt(star - 1);
        return before == ':' || before == '.' || before == '/' || before == ' ';
    }
}
