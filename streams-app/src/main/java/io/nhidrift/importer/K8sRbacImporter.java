package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Inventory from Kubernetes RBAC objects: {@code kubectl get roles,clusterroles,rolebindings,clusterrolebindings
 * -A -o json} ({@code kind: List}), or YAML manifests (multi-document and/or {@code kind: List}); several files
 * are merged (e.g. roles in one file, bindings in another). {@code ServiceAccount} objects, when present, make
 * those accounts known (createdAt from creationTimestamp).
 *
 * <p>One {@code k8s_service_account} record per ServiceAccount ({@code system:serviceaccount:<ns>:<name>}),
 * grants in the k8s-audit vocabulary of CONTRACT section 2, {@code <resource>[.<group>][/<subresource>]:<verb>}:
 * <ul>
 * <li>core group "" has no {@code .group}; apiGroup {@code *} gives both {@code r:v} and {@code r.*:v};
 *     rule resource {@code pods/log} is resource {@code pods} + subresource {@code log}; verb {@code *} is the glob
 *     {@code *}. Resource {@code *} in a named group {@code g} gives {@code *.g:v} and {@code *.g/*:v}; in the core
 *     group it can only be written {@code *:v} (globs cannot say "no dot"), which also covers other groups: those
 *     rules are counted in a "widened" warning. {@code resourceNames} restrictions are dropped (counted).</li>
 * <li>nonResourceURLs become {@code <path>:<verb>} ({@code *} as {@code /*}); as in the apiserver they only count
 *     from ClusterRoleBindings (RoleBindings cannot grant them; counted).</li>
 * <li>Namespace scope: grants from RoleBindings are kept, but CONTRACT section 3 grants carry no namespace, so
 *     they apply cluster-wide in the inventory; the record's {@code purpose} lists the scope (cluster-wide
 *     bindings and per-namespace bindings) and one warning counts the affected accounts.</li>
 * <li>Aggregated ClusterRoles ({@code aggregationRule.clusterRoleSelectors}) get the rules of every ClusterRole
 *     whose labels match a selector (recursively), plus their own rules if any.</li>
 * <li>Group subjects {@code system:serviceaccounts}, {@code system:serviceaccounts:<ns>} and
 *     {@code system:authenticated} apply to the service accounts known from the input (subjects and
 *     ServiceAccount objects) that they cover; members cannot be enumerated beyond that, so a warning is
 *     emitted when such a group binding reaches none. Other users and groups are skipped (counted).</li>
 * <li>Bindings without subjects are skipped; bindings whose role is missing: warning naming both.</li>
 * </ul>
 */
public final class K8sRbacImporter {

    private final List<String> warnings = new ArrayList<>();
    private final Map<String, JsonNode> roles = new LinkedHashMap<>();          // ns/name
    private final Map<String, JsonNode> clusterRoles = new LinkedHashMap<>();   // name
    private final List<JsonNode> bindings = new ArrayList<>();
    private final Map<String, Instant> knownSas = new TreeMap<>();              // id -> creation (may be null)
    private final Map<String, TreeSet<String>> grants = new TreeMap<>();
    private final Map<String, TreeSet<String>> clusterScope = new TreeMap<>();
    private final Map<String, TreeMap<String, TreeSet<String>>> nsScope = new TreeMap<>();
    private int widened;
    private int resourceNamesDropped;
    private int nonResourceInRoleBinding;
    private int otherSubjects;

    public static ImportResult importFiles(Collection<Path> files) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : files) {
            docs.addAll(ImportJson.readDocuments(f));
        }
        return importDocuments(docs);
    }

    public static ImportResult importDocuments(List<JsonNode> docs) {
        return new K8sRbacImporter().run(docs);
    }

    private ImportResult run(List<JsonNode> docs) {
        for (JsonNode d : docs) {
            collect(d);
        }
        if (roles.isEmpty() && clusterRoles.isEmpty() && bindings.isEmpty()) {
            throw new IllegalArgumentException("no Role, ClusterRole, RoleBinding or ClusterRoleBinding objects found");
        }
        // Pass 1: every ServiceAccount named as a subject is known.
        for (JsonNode b : bindings) {
            for (JsonNode s : ImportJson.objects(b.get("subjects"))) {
                if ("ServiceAccount".equals(ImportJson.text(s, "kind"))) {
                    String id = saId(s, b);
                    if (id != null) {
                        knownSas.putIfAbsent(id, null);
                    }
                }
            }
        }
        int noSubjects = 0;
        for (JsonNode b : bindings) {
            String kind = ImportJson.text(b, "kind");
            String bns = ImportJson.text(b.path("metadata"), "namespace");
            String bname = ImportJson.text(b.path("metadata"), "name");
            boolean namespaced = "RoleBinding".equals(kind);
            String label = kind + " " + (namespaced ? bns + "/" : "") + bname;
            List<JsonNode> subjects = ImportJson.objects(b.get("subjects"));
            if (subjects.isEmpty()) {
                noSubjects++;
                continue;
            }
            List<JsonNode> rules = roleRules(b, label, namespaced, bns);
            if (rules == null) {
                continue;
            }
            TreeSet<String> actions = new TreeSet<>();
            for (JsonNode rule : rules) {
                actions.addAll(actions(rule, namespaced));
            }
            for (JsonNode s : subjects) {
                String sk = ImportJson.text(s, "kind");
                String name = ImportJson.text(s, "name");
                if ("ServiceAccount".equals(sk)) {
                    String id = saId(s, b);
                    if (id == null) {
                        warnings.add(label + ": ServiceAccount subject " + name + " without namespace skipped");
                    } else {
                        grant(id, actions, namespaced, bns, bname);
                    }
                } else if ("Group".equals(sk) && name != null && (name.equals("system:serviceaccounts")
                        || name.equals("system:authenticated") || name.startsWith("system:serviceaccounts:"))) {
                    String prefix = name.startsWith("system:serviceaccounts:")
                            ? "system:serviceaccount:" + name.substring("system:serviceaccounts:".length()) + ":"
                            : "system:serviceaccount:";
                    int n = 0;
                    for (String sa : knownSas.keySet()) {
                        if (sa.startsWith(prefix)) {
                            grant(sa, actions, namespaced, bns, bname + " (group " + name + ")");
                            n++;
                        }
                    }
                    if (n == 0) {
                        warnings.add(label + ": group " + name
                                + " cannot be enumerated (no matching service account known), skipped");
                    }
                } else {
                    otherSubjects++;
                }
            }
        }
        List<InventoryRecord> records = new ArrayList<>();
        int namespacedSas = 0;
        for (Map.Entry<String, Instant> sa : knownSas.entrySet()) {
            String id = sa.getKey();
            TreeMap<String, TreeSet<String>> ns = nsScope.getOrDefault(id, new TreeMap<>());
            if (!ns.isEmpty()) {
                namespacedSas++;
            }
            records.add(new InventoryRecord(id, "k8s_service_account", null, purpose(id, ns),
                    grants.getOrDefault(id, new TreeSet<>()), List.of(), sa.getValue(), null));
        }
        if (noSubjects > 0) {
            warnings.add(noSubjects + " bindings without subjects skipped");
        }
        if (namespacedSas > 0) {
            warnings.add(namespacedSas + " service accounts have grants from namespaced RoleBindings: CONTRACT"
                    + " grants carry no namespace, so they apply cluster-wide here (scope listed in purpose)");
        }
        if (widened > 0) {
            warnings.add(widened + " rule entries with resource * (or */sub) in the core group widened to all API groups");
        }
        if (resourceNamesDropped > 0) {
            warnings.add(resourceNamesDropped + " rules with resourceNames widened to the whole resource");
        }
        if (nonResourceInRoleBinding > 0) {
            warnings.add(nonResourceInRoleBinding
                    + " nonResourceURLs rules reached through RoleBindings ignored (only ClusterRoleBindings grant them)");
        }
        if (otherSubjects > 0) {
            warnings.add(otherSubjects + " User/Group subjects (not service accounts) skipped");
        }
        return new ImportResult(records, warnings);
    }

    private void collect(JsonNode d) {
        if (d == null || !d.isObject()) {
            return;
        }
        JsonNode items = d.get("items");
        if (items != null && items.isArray()) {
            items.forEach(this::collect);
            return;
        }
        String kind = ImportJson.text(d, "kind");
        JsonNode md = d.path("metadata");
        String name = ImportJson.text(md, "name");
        String ns = ImportJson.text(md, "namespace");
        if (kind == null || name == null) {
            return;
        }
        switch (kind) {
            case "Role" -> roles.put((ns == null ? "default" : ns) + "/" + name, d);
            case "ClusterRole" -> clusterRoles.put(name, d);
            case "RoleBinding", "ClusterRoleBinding" -> bindings.add(d);
            case "ServiceAccount" -> knownSas.put("system:serviceaccount:" + (ns == null ? "default" : ns) + ":" + name,
                    ImportJson.instant(ImportJson.text(md, "creationTimestamp")));
            default -> { /* other kinds are not RBAC */ }
        }
    }

    private static String saId(JsonNode subject, JsonNode binding) {
        String name = ImportJson.text(subject, "name");
        String ns = ImportJson.text(subject, "namespace");
        if (ns == null || ns.isEmpty()) {
            ns = "RoleBinding".equals(ImportJson.text(binding, "kind"))
                    ? ImportJson.text(binding.path("metadata"), "namespace") : null;
        }
        return name == null || ns == null ? null : "system:serviceaccount:" + ns + ":" + name;
    }

    private void grant(String sa, Set<String> actions, boolean namespaced, String ns, String binding) {
        grants.computeIfAbsent(sa, k -> new TreeSet<>()).addAll(actions);
        if (namespaced) {
            nsScope.computeIfAbsent(sa, k -> new TreeMap<>()).computeIfAbsent(ns, k -> new TreeSet<>()).add(binding);
        } else {
            clusterScope.computeIfAbsent(sa, k -> new TreeSet<>()).add(binding);
        }
    }

    private String purpose(String sa, TreeMap<String, TreeSet<String>> ns) {
        List<String> parts = new ArrayList<>();
        TreeSet<String> cluster = clusterScope.get(sa);
        if (cluster != null) {
            parts.add("cluster-wide " + cluster);
        }
        ns.forEach((n, b) -> parts.add("namespace " + n + " " + b));
        return parts.isEmpty() ? "k8s RBAC: no bindings" : "k8s RBAC: " + String.join("; ", parts);
    }

    /** Rules of the binding's roleRef, or null (warned) when the role is not in the input. */
    private List<JsonNode> roleRules(JsonNode b, String label, boolean namespaced, String bns) {
        JsonNode ref = b.get("roleRef");
        String kind = ImportJson.text(ref, "kind");
        String name = ImportJson.text(ref, "name");
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
            return ImportJson.objects(role.get("rules"));
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
        out.addAll(ImportJson.objects(cr.get("rules")));
        List<JsonNode> selectors = ImportJson.objects(cr.path("aggregationRule").get("clusterRoleSelectors"));
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
                if (!e.getValue().asText().equals(ImportJson.text(labels, e.getKey()))) {
                    return false;
                }
            }
        }
        for (JsonNode ex : ImportJson.objects(selector.get("matchExpressions"))) {
            any = true;
            String v = ImportJson.text(labels, ImportJson.text(ex, "key"));
            List<String> values = ImportJson.strings(ex.get("values"));
            boolean ok = switch (String.valueOf(ImportJson.text(ex, "operator"))) {
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

    /** The k8s-audit action patterns a policy rule grants. */
    Set<String> actions(JsonNode rule, boolean viaRoleBinding) {
        TreeSet<String> out = new TreeSet<>();
        List<String> verbs = ImportJson.strings(rule.get("verbs"));
        List<String> urls = ImportJson.strings(rule.get("nonResourceURLs"));
        if (!urls.isEmpty()) {
            if (viaRoleBinding) {
                nonResourceInRoleBinding++;
            } else {
                for (String u : urls) {
                    for (String v : verbs) {
                        out.add(("*".equals(u) ? "/*" : u) + ":" + v);
                    }
                }
            }
        }
        List<String> resources = ImportJson.strings(rule.get("resources"));
        if (resources.isEmpty()) {
            return out;
        }
        if (!ImportJson.strings(rule.get("resourceNames")).isEmpty()) {
            resourceNamesDropped++;
        }
        List<String> groups = ImportJson.strings(rule.get("apiGroups"));
        for (String g : groups) {
            for (String r : resources) {
                int slash = r.indexOf('/');
                String res = slash < 0 ? r : r.substring(0, slash);
                String sub = slash < 0 ? null : r.substring(slash + 1);
                String subPart = sub == null ? "" : "/" + sub;
                for (String v : verbs) {
                    String verb = ":" + v;
                    if ("*".equals(g)) {
                        out.add(res + subPart + verb);
                        if (!"*".equals(res)) {
                            out.add(res + ".*" + subPart + verb);
                        }
                    } else if (g.isEmpty()) {
                        if ("*".equals(res)) {
                            widened++;
                        }
                        out.add(res + subPart + verb);
                    } else {
                        out.add(res + "." + g + subPart + verb);
                        if ("*".equals(res) && sub == null) {
                            out.add("*." + g + "/*" + verb);
                        }
                    }
                }
            }
        }
        return out;
    }
}
