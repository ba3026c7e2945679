package io.nhidrift.recommend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Kubernetes RBAC manifest ({@code rbac.authorization.k8s.io/v1}) from the K8s audit action vocabulary
 * (CONTRACT section 2): {@code <resource>[.<apiGroup>][/<subresource>]:<verb>} becomes a rule on apiGroup
 * ({@code ""} = core) and resource ({@code pods/exec} for a subresource) with that verb; non-resource URLs
 * ({@code /healthz:get}) become {@code nonResourceURLs} rules. Resources of one apiGroup that share the same verbs
 * share a rule. A {@code Role} in the service account's namespace ({@code system:serviceaccount:<ns>:<name>}), or
 * a {@code ClusterRole} when a non-resource URL or a cluster-scoped resource was used or the namespace is unknown
 * (the action vocabulary does not keep the request's namespace, so a namespaced resource used in another namespace
 * would need a RoleBinding there).
 */
public final class KubernetesRole implements NativeRenderer {

    static final Set<String> CLUSTER_SCOPED = Set.of("nodes", "namespaces", "persistentvolumes", "clusterroles",
            "clusterrolebindings", "customresourcedefinitions", "storageclasses", "certificatesigningrequests",
            "validatingwebhookconfigurations", "mutatingwebhookconfigurations", "apiservices", "priorityclasses",
            "tokenreviews", "subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
            "componentstatuses", "csidrivers", "csinodes", "runtimeclasses", "volumeattachments", "ingressclasses");

    /** One parsed action. */
    record K8sAction(String apiGroup, String resource, String verb, boolean nonResource) {

        /** Parses {@code deployments.apps/scale:patch}, {@code secrets:get}, {@code /healthz:get}; null if not that shape. */
        static K8sAction parse(String action) {
            int colon = action.lastIndexOf(':');
            if (colon <= 0 || colon == action.length() - 1) {
                return null;
            }
            String verb = action.substring(colon + 1);
            String target = action.substring(0, colon);
            if (target.startsWith("/")) {
                return new K8sAction(null, target, verb, true);
            }
            int slash = target.indexOf('/');
            String resourceAndGroup = slash < 0 ? target : target.substring(0, slash);
            String sub = slash < 0 ? "" : target.substring(slash);
            int dot = resourceAndGroup.indexOf('.');
            String resource = dot < 0 ? resourceAndGroup : resourceAndGroup.substring(0, dot);
            String group = dot < 0 ? "" : resourceAndGroup.substring(dot + 1);
            return resource.isEmpty() ? null : new K8sAction(group, resource + sub, verb, false);
        }

        String baseResource() {
            int slash = resource.indexOf('/');
            return slash < 0 ? resource : resource.substring(0, slash);
        }
    }

    @Override
    public String render(Recommendation r) {
        Map<String, Map<String, TreeSet<String>>> verbsByGroupAndResource = new TreeMap<>();
        Map<String, TreeSet<String>> verbsByUrl = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        boolean clusterScoped = false;
        for (String e : r.entries()) {
            K8sAction a = K8sAction.parse(e);
            if (a == null) {
                skipped.add(e);
            } else if (a.nonResource()) {
                verbsByUrl.computeIfAbsent(a.resource(), k -> new TreeSet<>()).add(a.verb());
                clusterScoped = true;
            } else {
                verbsByGroupAndResource.computeIfAbsent(a.apiGroup(), k -> new TreeMap<>())
                        .computeIfAbsent(a.resource(), k -> new TreeSet<>()).add(a.verb());
                clusterScoped |= CLUSTER_SCOPED.contains(a.baseResource());
            }
        }
        String namespace = namespaceOf(r.credentialId());
        boolean cluster = clusterScoped || namespace == null;
        ObjectNode doc = Documents.YAML.createObjectNode();
        doc.put("apiVersion", "rbac.authorization.k8s.io/v1");
        doc.put("kind", cluster ? "ClusterRole" : "Role");
        ObjectNode meta = doc.putObject("metadata");
        meta.put("name", name(r.credentialId()));
        if (!cluster) {
            meta.put("namespace", namespace);
        }
        meta.putObject("annotations").put("nhi-drift/credential", r.credentialId());
        ArrayNode rules = doc.putArray("rules");
        verbsByGroupAndResource.forEach((group, resources) -> {
            Map<String, TreeSet<String>> resourcesByVerbs = new TreeMap<>();
            resources.forEach((res, verbs) -> resourcesByVerbs.computeIfAbsent(String.join(",", verbs), k -> new TreeSet<>()).add(res));
            resourcesByVerbs.forEach((verbs, res) -> {
                ObjectNode rule = rules.addObject();
                rule.putArray("apiGroups").add(group);
                ArrayNode rs = rule.putArray("resources");
                res.forEach(rs::add);
                ArrayNode vs = rule.putArray("verbs");
                for (String v : verbs.split(",")) {
                    vs.add(v);
                }
            });
        });
        verbsByUrl.forEach((url, verbs) -> {
            ObjectNode rule = rules.addObject();
            rule.putArray("nonResourceURLs").add(url);
            ArrayNode vs = rule.putArray("verbs");
            verbs.forEach(vs::add);
        });
        String header = "Least-privilege " + (cluster ? "ClusterRole" : "Role") + " for " + r.credentialId()
                + " from the Kubernetes API calls it made; bind it with a " + (cluster ? "ClusterRoleBinding" : "RoleBinding")
                + ". resourceNames are not tracked."
                + (skipped.isEmpty() ? "" : " Left out, not K8s audit actions: " + String.join(", ", skipped) + ".")
                + (rules.isEmpty() ? " No API call was used: the role grants nothing." : "");
        return Documents.comment(header) + Documents.yaml(doc);
    }

    /** The namespace of {@code system:serviceaccount:<ns>:<name>}, else null. */
    static String namespaceOf(String credentialId) {
        String prefix = "system:serviceaccount:";
        if (!credentialId.startsWith(prefix)) {
            return null;
        }
        String rest = credentialId.substring(prefix.length());
        int colon = rest.indexOf(':');
        return colon <= 0 ? null : rest.substring(0, colon);
    }

    /** A DNS-subdomain name ({@code nhi-drift-<sa name>}), lower-case alphanumerics and {@code -}, at most 253. */
    static String name(String credentialId) {
        String base = credentialId.startsWith("system:serviceaccount:")
                ? credentialId.substring(credentialId.lastIndexOf(':') + 1) : credentialId;
        String cleaned = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        String name = "nhi-drift-" + (cleaned.isEmpty() ? "credential" : cleaned) + "-least-privilege";
        return name.length() <= 253 ? name : name.substring(0, 253).replaceAll("[-.]+$", "");
    }
}
