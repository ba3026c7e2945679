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

    /**
     * Checks that a document of an {@code --access-keys} file is a list-access-keys answer: an object with an
     * {@code AccessKeyMetadata} array, a metadata entry (with AccessKeyId), or an array of those.
     *
     * @throws IllegalArgumentException naming the file and what was found
     */
    static void requireListAccessKeys(JsonNode doc, String source) {
        if (!isListAccessKeys(doc)) {
            throw new IllegalArgumentException("--access-keys " + source + " is not an aws iam list-access-keys answer"
                    + " (expected {\"AccessKeyMetadata\": [{\"UserName\", \"AccessKeyId\", ...}]}, found "
                    + describe(doc) + ")");
        }
    }

    private static boolean isListAccessKeys(JsonNode doc) {
        if (doc == null) {
            return false;
        }
        if (doc.isArray()) {
            for (JsonNode e : doc) {
                if (!isListAccessKeys(e)) {
                    return false;
                }
            }
            return true;
        }
        if (!doc.isObject()) {
            return false;
        }
        JsonNode meta = doc.get("AccessKeyMetadata");
        if (meta != null) {
            return meta.isArray();
        }
        return doc.hasNonNull("AccessKeyId");
    }

    private static String describe(JsonNode doc) {
        if (doc == null || doc.isNull()) {
            return "nothing";
        }
        if (doc.isObject()) {
            List<String> names = new ArrayList<>();
            doc.fieldNames().forEachRemaining(names::add);
            return names.isEmpty() ? "an empty object" : "an object with fields " + names;
        }
        if (doc.isArray()) {
            return "an array with an element that is not access key metadata";
        }
        return "a JSON " + doc.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

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
