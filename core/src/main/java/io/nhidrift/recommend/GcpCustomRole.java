package io.nhidrift.recommend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A GCP custom role definition in the YAML {@code gcloud iam roles create ROLE_ID --project=PROJECT --file=FILE}
 * reads: {@code title}, {@code description}, {@code stage: GA}, {@code includedPermissions}. Only entries shaped like
 * IAM permissions ({@code service.resource.verb}) are included; audit entries that carried only a method name
 * ({@code google.iam.admin.v1.CreateRole}) are left out and named in the leading comment.
 */
public final class GcpCustomRole implements NativeRenderer {

    private static final Pattern PERMISSION = Pattern.compile("[a-z][a-zA-Z0-9]*\\.[a-zA-Z0-9]+\\.[a-zA-Z0-9]+");

    @Override
    public String render(Recommendation r) {
        List<String> permissions = r.entries().stream().filter(GcpCustomRole::isPermission).toList();
        List<String> skipped = r.entries().stream().filter(e -> !isPermission(e)).toList();
        ObjectNode role = Documents.YAML.createObjectNode();
        role.put("title", clip("nhi-drift least privilege for " + r.credentialId(), 100));
        role.put("description", clip("Permissions " + r.credentialId() + " used within its grants, as observed by nhi-drift.", 256));
        role.put("stage", "GA");
        ArrayNode included = role.putArray("includedPermissions");
        permissions.forEach(included::add);
        String header = "Create with: gcloud iam roles create ROLE_ID --project=PROJECT --file=THIS_FILE."
                + (skipped.isEmpty() ? "" : " Left out, not IAM permissions (method names): " + String.join(", ", skipped) + ".")
                + (permissions.isEmpty() ? " No permission was used: the role grants nothing." : "");
        return Documents.comment(header) + Documents.yaml(role);
    }

    static boolean isPermission(String s) {
        return PERMISSION.matcher(s).matches();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
