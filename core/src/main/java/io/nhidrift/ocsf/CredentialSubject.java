package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.Alert;

/**
 * The credential an alert is about, in the shapes the two finding classes define: the target
 * {@code resources[]} entry of a Detection Finding (kind as {@code type}, owner as {@code owner.name}, team as
 * {@code group.name}), and the analysed {@code user} with its {@code programmatic_credentials} of an IAM
 * Analysis Finding.
 */
final class CredentialSubject {

    static final String DEFAULT_KIND = "credential";

    private CredentialSubject() {}

    static ArrayNode resources(Alert a, AlertExtras extras, JsonNodeFactory f) {
        ObjectNode r = f.objectNode();
        r.put("uid", a.getCredentialId());
        r.put("name", a.getCredentialId());
        r.put("type", kind(a));
        r.put("role_id", 1);
        r.put("role", "Target");
        if (a.getOwner() != null && !a.getOwner().isBlank()) {
            r.putObject("owner").put("name", a.getOwner());
        }
        if (extras.team() != null) {
            r.putObject("group").put("name", extras.team());
        }
        if (Boolean.TRUE.equals(extras.ownerless())) {
            r.putArray("labels").add("ownerless");
        }
        ArrayNode out = f.arrayNode();
        out.add(r);
        return out;
    }

    static ObjectNode user(Alert a, AlertExtras extras, JsonNodeFactory f) {
        ObjectNode u = f.objectNode();
        u.put("uid", a.getCredentialId());
        u.put("type_id", 4);
        u.put("type", "Service");
        ObjectNode credential = u.putArray("programmatic_credentials").addObject();
        credential.put("uid", a.getCredentialId());
        credential.put("type", kind(a));
        if (extras.team() != null) {
            u.putArray("groups").addObject().put("name", extras.team());
        }
        return u;
    }

    /** The IAM analysis of an {@code UNUSED_ENTITLEMENT} alert: the grants, how many patterns went unused. */
    static ArrayNode permissionAnalysis(Alert a, JsonNode evidence, JsonNodeFactory f) {
        ObjectNode result = f.objectNode();
        ObjectNode policy = result.putObject("policy");
        policy.put("name", "inventory entitlement of " + a.getCredentialId());
        policy.put("type", "nhi-drift inventory grants");
        JsonNode grants = evidence == null ? null : evidence.get("grants");
        if (grants != null && grants.isArray()) {
            ArrayNode granted = result.putArray("granted_privileges");
            grants.forEach(g -> {
                if (g.isTextual()) {
                    granted.add(g.asText());
                }
            });
        }
        JsonNode unused = evidence == null ? null : evidence.get("unusedPatterns");
        if (unused != null && unused.isArray()) {
            result.put("unused_privileges_count", unused.size());
        }
        ArrayNode out = f.arrayNode();
        out.add(result);
        return out;
    }

    static String kind(Alert a) {
        return a.getCredentialKind() == null || a.getCredentialKind().isBlank() ? DEFAULT_KIND : a.getCredentialKind();
    }
}
