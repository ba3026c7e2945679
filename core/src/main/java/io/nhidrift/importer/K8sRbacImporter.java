package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import io.nhidrift.json.Times;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Inventory from Kubernetes RBAC objects: {@code kubectl get roles,clusterroles,rolebindings,clusterrolebindings
 * -A -o json} ({@code kind: List}), or YAML manifests (multi-document and/or {@code kind: List}); several files
 * are merged (e.g. roles in one file, bindings in another). {@code ServiceAccount} objects, when present, make
 * those accounts known (createdAt from creationTimestamp; owner from the first {@link OwnerKeys} key among its
 * labels, then annotations; team/contact from {@code team}/{@code contact}). Accounts known only as binding
 * subjects have no labels, so no owner.
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
 *
 * <p>Roles and aggregation are resolved by {@link RbacRoles}, rules translated by {@link RbacRules}, subjects
 * and per-account grants kept by {@link ServiceAccountGrants}.
 */
public final class K8sRbacImporter implements Importer {

    public static final String FORMAT = "k8s-rbac";

    private final List<String> warnings = new ArrayList<>();
    private final RbacRoles roles = new RbacRoles();
    private final RbacRules rules = new RbacRules();
    private final ServiceAccountGrants accounts = new ServiceAccountGrants(warnings);
    private final List<JsonNode> bindings = new ArrayList<>();
    private final OwnerKeys ownerKeys;

    public K8sRbacImporter() {
        this(OwnerKeys.DEFAULT);
    }

    private K8sRbacImporter(OwnerKeys ownerKeys) {
        this.ownerKeys = ownerKeys;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<String> usage() {
        return List.of(FORMAT + " FILE|DIR...",
                "    kubectl get roles,clusterroles,rolebindings,clusterrolebindings -A -o json, or YAML manifests",
                "    (multi-document / kind: List); all files are merged. One record per ServiceAccount.");
    }

    @Override
    public ImportResult importFrom(ImportInput input) throws IOException {
        return importFiles(ImportInput.expand(input.files(), ".json", ".yaml", ".yml"), input.ownerKeys());
    }

    public static ImportResult importFiles(Collection<Path> files) throws IOException {
        return importFiles(files, OwnerKeys.DEFAULT);
    }

    public static ImportResult importFiles(Collection<Path> files, OwnerKeys ownerKeys) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : files) {
            docs.addAll(Json.readDocuments(f));
        }
        return importDocuments(docs, ownerKeys);
    }

    public static ImportResult importDocuments(List<JsonNode> docs) {
        return importDocuments(docs, OwnerKeys.DEFAULT);
    }

    public static ImportResult importDocuments(List<JsonNode> docs, OwnerKeys ownerKeys) {
        return new K8sRbacImporter(ownerKeys).run(docs);
    }

    private ImportResult run(List<JsonNode> docs) {
        for (JsonNode d : docs) {
            collect(d);
        }
        if (roles.isEmpty() && bindings.isEmpty()) {
            throw new IllegalArgumentException("no Role, ClusterRole, RoleBinding or ClusterRoleBinding objects found");
        }
        // Pass 1: every ServiceAccount named as a subject is known.
        for (JsonNode b : bindings) {
            accounts.addSubjectsOf(b);
        }
        int noSubjects = 0;
        for (JsonNode b : bindings) {
            if (!applyBinding(b)) {
                noSubjects++;
            }
        }
        List<InventoryRecord> records = accounts.records();
        if (noSubjects > 0) {
            warnings.add(noSubjects + " bindings without subjects skipped");
        }
        int namespacedSas = accounts.namespacedSas();
        if (namespacedSas > 0) {
            warnings.add(namespacedSas + " service accounts have grants from namespaced RoleBindings: CONTRACT"
                    + " grants carry no namespace, so they apply cluster-wide here (scope listed in purpose)");
        }
        rules.addWarnings(warnings);
        if (accounts.otherSubjects() > 0) {
            warnings.add(accounts.otherSubjects() + " User/Group subjects (not service accounts) skipped");
        }
        return new ImportResult(records, warnings);
    }

    /** Grants a binding's role to its subjects; false when it has no subjects. */
    private boolean applyBinding(JsonNode b) {
        String kind = Fields.textAsIs(b, "kind");
        String bns = Fields.textAsIs(b.path("metadata"), "namespace");
        String bname = Fields.textAsIs(b.path("metadata"), "name");
        boolean namespaced = "RoleBinding".equals(kind);
        String label = kind + " " + (namespaced ? bns + "/" : "") + bname;
        if (Fields.objects(b.get("subjects")).isEmpty()) {
            return false;
        }
        List<JsonNode> ruleList = roles.rulesFor(b, label, namespaced, bns, warnings);
        if (ruleList == null) {
            return true;
        }
        TreeSet<String> actions = new TreeSet<>();
        for (JsonNode rule : ruleList) {
            actions.addAll(rules.actions(rule, namespaced));
        }
        accounts.bind(b, label, actions, namespaced, bns, bname);
        return true;
    }

    /** metadata.labels, then metadata.annotations for keys the labels lack (string values only). */
    private static Map<String, String> labels(JsonNode metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : List.of("labels", "annotations")) {
            JsonNode m = metadata.get(field);
            if (m != null && m.isObject()) {
                m.properties().forEach(e -> {
                    if (e.getValue().isTextual()) {
                        out.putIfAbsent(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        return out;
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
        String kind = Fields.textAsIs(d, "kind");
        JsonNode md = d.path("metadata");
        String name = Fields.textAsIs(md, "name");
        String ns = Fields.textAsIs(md, "namespace");
        if (kind == null || name == null) {
            return;
        }
        switch (kind) {
            case "Role" -> roles.addRole(ns == null ? "default" : ns, name, d);
            case "ClusterRole" -> roles.addClusterRole(name, d);
            case "RoleBinding", "ClusterRoleBinding" -> bindings.add(d);
            case "ServiceAccount" -> accounts.addServiceAccount(ns == null ? "default" : ns, name,
                    Times.instant(Fields.textAsIs(md, "creationTimestamp")), ownerKeys.ownership(labels(md)));
            default -> { /* other kinds are not RBAC */ }
        }
    }
}
