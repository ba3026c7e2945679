package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;

/** Identity fields of AWS IAM principals in {@code get-account-authorization-details}: role ARN and owner tag. */
final class AwsPrincipals {

    private AwsPrincipals() {}

    /** {@code arn:<partition>:iam::<acct>:role/<path><name>} from Arn (account, partition), Path and RoleName. */
    static String roleArn(JsonNode r) {
        String arn = Fields.textAsIs(r, "Arn");
        String name = Fields.textAsIs(r, "RoleName");
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        if (name == null || parts.length < 6) {
            return arn;
        }
        String path = Fields.textAsIs(r, "Path");
        String p = path == null ? "" : path.replaceAll("^/+", "").replaceAll("/+$", "");
        return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + (p.isEmpty() ? "" : p + "/") + name;
    }

    /** The value of a tag {@code owner}/{@code Owner} (any case), else null. */
    static String owner(JsonNode principal) {
        for (JsonNode t : Fields.objects(principal.get("Tags"))) {
            if ("owner".equalsIgnoreCase(Fields.textAsIs(t, "Key"))) {
                return blankToNull(Fields.textAsIs(t, "Value"));
            }
        }
        return null;
    }

    /** Null for null or blank text. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
