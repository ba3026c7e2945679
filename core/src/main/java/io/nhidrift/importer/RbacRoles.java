package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Roles and ClusterRoles of the input, and the rules a binding's {@code roleRef} resolves to. Aggregated
 * ClusterRoles ({@code aggregationRule.clusterRoleSelectors}) get the rules of every ClusterRole whose labels
 * match a selector (recursively, cycles cut), plus their own rules if any.
 */
final class RbacRoles {

    private final Map<String, JsonNode> roles = new LinkedHashMap<>();          // ns/name
    private final Map<String, JsonNode> clusterRoles = new LinkedHashMap<>();   // name

    void addRole(String namespace, String name, JsonNode role) {
        roles.put(namespace + "/" + name, role);
    }

    void addClusterRole(String name, JsonNode clusterRole) {
        clusterRoles.put(name, clusterRole);
    }

    boolean isEmpty() {
        return roles.isEmpty() && clusterRoles.isEmpty();
    }

    /** Rules of the binding's roleRef, or null (warned) when the role is not in the input. */
    List<JsonNode> rulesFor(JsonNode b, String label, boolean namespaced, String bns, List<String> warnings) {
        JsonNode ref = b.get("roleRef");
        String kind = Fields.textAsIs(ref, "kind");
        String name = Fields.textAsIs(ref, "name");
        if ("ClusterRole".equals(kind)) {
            if (!clusterRoles.containsKey(name)) {
                warnings.add(label + ": ClusterRole " + name + " not found, skipped");
                return null;
            }
            return clusterRoleRules(name, new HashSet<>());
        }
        if ("Role".equals(kind) && namespaced) {
            JsonNode role = roles.get(bns + "/" + name);
            if (role == null) {
                warnings.add(label + ": Role " + bns + "/" + name + " not found, skipped");
                return null;
            }
            return Fields.objects(role.get("rules"));
        }
        warnings.add(label + ": unusable roleRef " + kind + " " + name + ", skipped");
        return null;
    }

    private List<JsonNode> clusterRoleRules(String name, Set<String> visiting) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode cr = clusterRoles.get(name);
        if (cr == null || !visiting.add(name)) {
            return out;
        }
        out.addAll(Fields.objects(cr.get("rules")));
        List<JsonNode> selectors = Fields.objects(cr.path("aggregationRule").get("clusterRoleSelectors"));
        if (!selectors.isEmpty()) {
            for (Map.Entry<String, JsonNode> other : clusterRoles.entrySet()) {
                if (other.getKey().equals(name)) {
                    continue;
                }
                JsonNode labels = other.getValue().path("metadata").path("labels");
                if (selectors.stream().anyMatch(s -> selects(s, labels))) {
                    out.addAll(clusterRoleRules(other.getKey(), visiting));
                }
            }
        }
        visiting.remove(name);
        return out;
    }

    /** Kubernetes label selector: all matchLabels and all matchExpressions must hold. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        boolean any = false;
        JsonNode ml = selector.get("matchLabels");
        if (ml != null && ml.isObject()) {
            for (Map.Entry<String, JsonNode> e : ml.properties()) {
                any = true;
                if (!e.getValue().asText().equals(Fields.textAsIs(labels, e.getKey()))) {
                    return false;
                }
            }
        }
        for (JsonNode ex : Fields.objects(selector.get("matchExpressions"))) {
            any = true;
            String v = Fields.textAsIs(labels, Fields.textAsIs(ex, "key"));
            List<String> values = Fields.strings(ex.get("values"));
            boolean ok = switch (String.valueOf(Fields.textAsIs(ex, "operator"))) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return any; // an empty selector selects nothing in aggregation
    }
}
