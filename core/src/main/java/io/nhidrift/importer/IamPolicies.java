package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policies of one {@code get-account-authorization-details} document, resolved for the principals that use
 * them: managed policies by ARN (the version with IsDefaultVersion from {@code Policies[]}, evaluated once, when
 * first attached, so unattached policies raise no warnings) and inline policy lists. Keeps the counts behind the
 * summary warnings: attached managed policies missing from the file, and statements with conditions.
 */
final class IamPolicies {

    private final List<String> warnings;
    private final Map<String, JsonNode> managedDocs = new HashMap<>();
    private final Map<String, IamPolicyDocument> managed = new HashMap<>();
    private final TreeMap<String, Integer> conditionStatements = new TreeMap<>();
    private final TreeSet<String> missingPolicies = new TreeSet<>();

    /**
     * @param authz    the get-account-authorization-details JSON
     * @param warnings where warnings are appended
     */
    IamPolicies(JsonNode authz, List<String> warnings) {
        this.warnings = warnings;
        for (JsonNode p : Fields.objects(authz.get("Policies"))) {
            String arn = Fields.textAsIs(p, "Arn");
            JsonNode doc = null;
            for (JsonNode v : Fields.objects(p.get("PolicyVersionList"))) {
                if (v.path("IsDefaultVersion").asBoolean(false)) {
                    doc = v.get("Document");
                }
            }
            if (arn != null && doc != null) {
                managedDocs.put(arn, doc);
            }
        }
    }

    /** Adds the managed policies attached to a role, user or group ({@code AttachedManagedPolicies}). */
    void addAttached(JsonNode principal, PrincipalGrants acc) {
        for (JsonNode a : Fields.objects(principal.get("AttachedManagedPolicies"))) {
            String arn = Fields.textAsIs(a, "PolicyArn");
            if (arn == null) {
                continue;
            }
            JsonNode doc = managedDocs.get(arn);
            if (doc == null) {
                missingPolicies.add(arn);
            } else {
                acc.add(managed.computeIfAbsent(arn, k -> evaluate(k, doc)));
            }
        }
    }

    /** Adds inline policies ({@code RolePolicyList}, {@code UserPolicyList} or {@code GroupPolicyList}). */
    void addInline(JsonNode list, String ownerArn, PrincipalGrants acc) {
        for (JsonNode p : Fields.objects(list)) {
            String name = ownerArn + " inline " + Fields.textAsIs(p, "PolicyName");
            acc.add(evaluate(name, p.get("PolicyDocument")));
        }
    }

    /** One warning per attached managed policy whose default version is not in the file. */
    void warnMissing() {
        for (String arn : missingPolicies) {
            warnings.add("managed policy " + arn + " is attached but its default version is not in the file: not included");
        }
    }

    /** One counted warning for all statements with a Condition, if any. */
    void warnConditions() {
        if (!conditionStatements.isEmpty()) {
            int total = conditionStatements.values().stream().mapToInt(Integer::intValue).sum();
            warnings.add(conditionStatements.size() + " policies have " + total
                    + " statements with Condition: conditions (and resources) ignored, grants over-approximate");
        }
    }

    private IamPolicyDocument evaluate(String name, JsonNode doc) {
        IamPolicyDocument policy = IamPolicyDocument.evaluate(name, doc, warnings);
        if (policy.conditionStatements() > 0) {
            conditionStatements.merge(name, policy.conditionStatements(), Integer::sum);
        }
        return policy;
    }
}
