package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kubernetes service accounts and what their bindings grant them: resolves binding subjects to service account
 * ids ({@code system:serviceaccount:<ns>:<name>}), accumulates the actions and the scope (cluster-wide bindings,
 * per-namespace bindings) of each, and turns them into {@code k8s_service_account} records.
 *
 * <p>Group subjects {@code system:serviceaccounts}, {@code system:serviceaccounts:<ns>} and
 * {@code system:authenticated} reach the known service accounts they cover (a warning when they reach none);
 * other User/Group subjects are counted.
 */
final class ServiceAccountGrants {

    private static final String SA_PREFIX = "system:serviceaccount:";
    private static final String SA_GROUP_PREFIX = "system:serviceaccounts:";

    private final List<String> warnings;
    private final Map<String, Instant> knownSas = new TreeMap<>();              // id -> creation (may be null)
    private final Map<String, OwnerKeys.Ownership> ownership = new TreeMap<>();  // id -> from labels/annotations
    private final Map<String, TreeSet<String>> grants = new TreeMap<>();
    private final Map<String, TreeSet<String>> clusterScope = new TreeMap<>();
    private final Map<String, TreeMap<String, TreeSet<String>>> nsScope = new TreeMap<>();
    private int otherSubjects;
    private int namespacedSas;

    ServiceAccountGrants(List<String> warnings) {
        this.warnings = warnings;
    }

    /** A ServiceAccount object of the input, with the owner/team/contact its labels and annotations name. */
    void addServiceAccount(String namespace, String name, Instant created, OwnerKeys.Ownership owner) {
        String id = SA_PREFIX + namespace + ":" + name;
        knownSas.put(id, created);
        ownership.put(id, owner);
    }

    /** Every ServiceAccount named as a subject of the binding is known. */
    void addSubjectsOf(JsonNode binding) {
        for (JsonNode s : Fields.objects(binding.get("subjects"))) {
            if ("ServiceAccount".equals(Fields.textAsIs(s, "kind"))) {
                String id = saId(s, binding);
                if (id != null) {
                    knownSas.putIfAbsent(id, null);
                }
            }
        }
    }

    /** Grants the actions to each service account the binding's subjects reach. */
    void bind(JsonNode b, String label, Set<String> actions, boolean namespaced, String bns, String bname) {
        for (JsonNode s : Fields.objects(b.get("subjects"))) {
            String sk = Fields.textAsIs(s, "kind");
            String name = Fields.textAsIs(s, "name");
            if ("ServiceAccount".equals(sk)) {
                String id = saId(s, b);
                if (id == null) {
                    warnings.add(label + ": ServiceAccount subject " + name + " without namespace skipped");
                } else {
                    grant(id, actions, namespaced, bns, bname);
                }
            } else if ("Group".equals(sk) && name != null && (name.equals("system:serviceaccounts")
                    || name.equals("system:authenticated") || name.startsWith(SA_GROUP_PREFIX))) {
                String prefix = name.startsWith(SA_GROUP_PREFIX)
                        ? SA_PREFIX + name.substring(SA_GROUP_PREFIX.length()) + ":"
                        : SA_PREFIX;
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

    /** One record per known service account; also counts those with namespaced grants. */
    List<InventoryRecord> records() {
        List<InventoryRecord> records = new ArrayList<>();
        namespacedSas = 0;
        for (Map.Entry<String, Instant> sa : knownSas.entrySet()) {
            String id = sa.getKey();
            TreeMap<String, TreeSet<String>> ns = nsScope.getOrDefault(id, new TreeMap<>());
            if (!ns.isEmpty()) {
                namespacedSas++;
            }
            records.add(new InventoryRecord(id, CredentialKind.K8S_SERVICE_ACCOUNT, null, purpose(id, ns),
                    grants.getOrDefault(id, new TreeSet<>()), List.of(), sa.getValue(), null)
                    .withOwnership(ownership.getOrDefault(id, OwnerKeys.Ownership.NONE)));
        }
        return records;
    }

    /** Service accounts with grants from namespaced RoleBindings, as counted by {@link #records()}. */
    int namespacedSas() {
        return namespacedSas;
    }

    /** User/Group subjects that are not service accounts, skipped. */
    int otherSubjects() {
        return otherSubjects;
    }

    private static String saId(JsonNode subject, JsonNode binding) {
        String name = Fields.textAsIs(subject, "name");
        String ns = Fields.textAsIs(subject, "namespace");
        if (ns == null || ns.isEmpty()) {
            ns = "RoleBinding".equals(Fields.textAsIs(binding, "kind"))
                    ? Fields.textAsIs(binding.path("metadata"), "namespace") : null;
        }
        return name == null || ns == null ? null : SA_PREFIX + ns + ":" + name;
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
}
