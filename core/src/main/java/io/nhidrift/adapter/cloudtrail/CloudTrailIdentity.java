package io.nhidrift.adapter.cloudtrail;

import static io.nhidrift.json.Fields.field;
import static io.nhidrift.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.inventory.CredentialKind;

/**
 * Who made a CloudTrail call: the credential id, its kind and the principal, resolved from {@code userIdentity}.
 *
 * <ul>
 *   <li>{@code IAMUser} with an {@code AKIA…} access key → the key id, kind {@code aws_access_key};
 *   <li>{@code AssumedRole} → the role ARN (session issuer, else derived from the sts ARN), kind {@code aws_role};
 *   <li>anything else → the ARN, else the {@code principalId}, kind {@code other};
 *   <li>{@code AWSService}, or no principal at all → not attributed ({@link #unattributed}).
 * </ul>
 *
 * <p>Every {@code userIdentity} lookup is case-insensitive as a fallback, and the misspelled {@code accesKeyId}
 * is read as {@code accessKeyId}. Static and allocation-free: the mapper asks for each piece it needs.
 */
final class CloudTrailIdentity {

    private static final String ASSUMED_ROLE = ":assumed-role/";

    private CloudTrailIdentity() {
    }

    /** The {@code userIdentity.type}, or null. */
    static String type(JsonNode ui) {
        return text(ui, "type", true);
    }

    /** The principal: {@code userIdentity.arn}, or null. */
    static String principal(JsonNode ui) {
        return text(ui, "arn", true);
    }

    /** {@code userIdentity.accessKeyId}, also under its misspelling {@code accesKeyId}; null when neither. */
    static String accessKeyId(JsonNode ui) {
        String accessKeyId = text(ui, "accessKeyId", true);
        return accessKeyId != null ? accessKeyId : text(ui, "accesKeyId", true);
    }

    /** The credential kind for an identity type, or null for {@code AWSService} (never attributed). */
    static CredentialKind kind(String type, String accessKeyId) {
        if ("AWSService".equals(type)) {
            return null;
        } else if ("IAMUser".equals(type) && accessKeyId != null && accessKeyId.startsWith("AKIA")) {
            return CredentialKind.AWS_ACCESS_KEY;
        } else if ("AssumedRole".equals(type)) {
            return CredentialKind.AWS_ROLE;
        }
        return CredentialKind.OTHER;
    }

    /** The credential id of a resolved {@link #kind}, or null when the identity names no principal. */
    static String credentialId(JsonNode ui, CredentialKind kind, String arn, String accessKeyId) {
        if (kind == CredentialKind.AWS_ACCESS_KEY) {
            return accessKeyId;
        } else if (kind == CredentialKind.AWS_ROLE) {
            return roleArn(ui, arn);
        }
        return arn != null ? arn : text(ui, "principalId", true);
    }

    /** Why an identity with no {@link #kind} or no {@link #credentialId} is not attributed (without prefix). */
    static String unattributed(JsonNode ui, String type, CredentialKind kind) {
        if (kind == null) {
            return "AWSService";
        } else if (kind == CredentialKind.AWS_ROLE) {
            return "AssumedRole without sessionIssuer.arn or assumed-role arn";
        }
        String invokedBy = text(ui, "invokedBy", true);
        return invokedBy != null
                ? "invoked by " + invokedBy
                : "no principal (" + (type == null ? "no identity type" : type) + ")";
    }

    /** The role ARN of an assumed-role session: the session issuer, else derived from the sts ARN. */
    static String roleArn(JsonNode ui, String arn) {
        JsonNode sc = field(ui, "sessionContext", true);
        if (sc != null) {
            JsonNode issuer = field(sc, "sessionIssuer", true);
            if (issuer != null) {
                String issuerArn = text(issuer, "arn", true);
                if (issuerArn != null && issuerArn.contains(":role/")) {
                    return issuerArn;
                }
            }
        }
        return roleArnFromAssumedRoleArn(arn);
    }

    /**
     * {@code arn:<partition>:sts::<acct>:assumed-role/<name>/<session>} → {@code arn:<partition>:iam::<acct>:role/<name>}.
     * The role path is not part of an assumed-role ARN, so a derived ARN has none.
     */
    static String roleArnFromAssumedRoleArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int marker = arn.indexOf(ASSUMED_ROLE);
        if (marker < 0) {
            return null;
        }
        int partEnd = arn.indexOf(':', 4);
        // expected: arn:<partition>:sts::<account>:assumed-role/...
        int svcEnd = arn.indexOf(':', partEnd + 1);
        int regionEnd = arn.indexOf(':', svcEnd + 1);
        if (partEnd < 0 || svcEnd < 0 || regionEnd < 0 || regionEnd > marker) {
            return null;
        }
        String partition = arn.substring(4, partEnd);
        String account = arn.substring(regionEnd + 1, marker);
        int nameStart = marker + ASSUMED_ROLE.length();
        int slash = arn.indexOf('/', nameStart);
        String name = slash < 0 ? arn.substring(nameStart) : arn.substring(nameStart, slash);
        if (name.isEmpty() || account.isEmpty()) {
            return null;
        }
        return "arn:" + partition + ":iam::" + account + ":role/" + name;
    }

    /** The session name: the last segment of an assumed-role ARN. */
    static String sessionName(String arn) {
        if (arn == null) {
            return null;
        }
        int marker = arn.indexOf(ASSUMED_ROLE);
        if (marker < 0) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash > marker + 14 && slash < arn.length() - 1 ? arn.substring(slash + 1) : null;
    }
}
