package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/** Identity fields of AWS IAM principals in {@code get-account-authorization-details}: role ARN and tags. */
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

    /** A principal's {@code Tags: [{Key, Value}]} as a map (first value of a key wins; empty without tags). */
    static Map<String, String> tags(JsonNode principal) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : Fields.objects(principal.get("Tags"))) {
            String k = Fields.textAsIs(t, "Key");
            String v = Fields.textAsIs(t, "Value");
            if (k != null && v != null) {
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }

    /** Null for null or blank text. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
