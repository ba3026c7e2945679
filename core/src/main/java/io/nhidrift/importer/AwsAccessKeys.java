package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access key metadata from {@code aws iam list-access-keys} outputs, grouped by user name. Accepts objects with
 * {@code AccessKeyMetadata[]}, bare arrays of metadata entries, or arrays of such objects; a key id seen twice
 * for the same user is kept once, a key without UserName is skipped with a warning.
 */
final class AwsAccessKeys {

    private AwsAccessKeys() {}

    /** Key metadata entries per UserName, in order of first appearance. */
    static Map<String, List<JsonNode>> byUser(List<JsonNode> docs, List<String> warnings) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode doc : docs) {
            collect(doc, out, warnings);
        }
        return out;
    }

    private static void collect(JsonNode doc, Map<String, List<JsonNode>> out, List<String> warnings) {
        if (doc == null) {
            return;
        }
        if (doc.isArray()) {
            doc.forEach(e -> collect(e, out, warnings));
        } else if (doc.has("AccessKeyMetadata")) {
            collect(doc.get("AccessKeyMetadata"), out, warnings);
        } else if (doc.has("AccessKeyId")) {
            String user = Fields.textAsIs(doc, "UserName");
            if (user == null) {
                warnings.add("access key " + Fields.textAsIs(doc, "AccessKeyId") + " without UserName skipped");
            } else {
                List<JsonNode> keys = out.computeIfAbsent(user, k -> new ArrayList<>());
                String id = Fields.textAsIs(doc, "AccessKeyId");
                if (keys.stream().noneMatch(k -> id.equals(Fields.textAsIs(k, "AccessKeyId")))) {
                    keys.add(doc);
                }
            }
        }
    }
}
