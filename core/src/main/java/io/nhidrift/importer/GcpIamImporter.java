package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Inventory from {@code gcloud projects get-iam-policy --format=json} plus role definitions.
 *
 * <p>Role definitions: any number of JSON documents, each a {@code gcloud iam roles describe} object
 * ({@code {name, includedPermissions[]}}), an array of them, or a roles list dump ({@code {roles:[...]}}).
 *
 * <p>One {@code gcp_service_account} record per {@code serviceAccount:<email>} member, credentialId = the email,
 * grants = the union of the includedPermissions of its roles, purpose = its roles. A role without a definition
 * contributes nothing (warning naming it and how many accounts it affects: nothing is guessed). Conditional
 * bindings are kept unconditionally (warning). Users, groups, domains, deleted and other members are skipped
 * (one counting warning).
 */
public final class GcpIamImporter {

    public static ImportResult importFiles(Path policy, Collection<Path> roleFiles) throws IOException {
        List<JsonNode> defs = new ArrayList<>();
        if (roleFiles != null) {
            for (Path p : roleFiles) {
                defs.addAll(ImportJson.readDocuments(p));
            }
        }
        return importNodes(ImportJson.readJson(policy), defs);
    }

    public static ImportResult importNodes(JsonNode policy, List<JsonNode> roleDefinitions) {
        List<String> warnings = new ArrayList<>();
        if (policy == null || !policy.isObject() || !policy.has("bindings")) {
            throw new IllegalArgumentException("not an IAM policy document (no bindings)");
        }
        Map<String, List<String>> perms = new HashMap<>();
        if (roleDefinitions != null) {
            for (JsonNode d : roleDefinitions) {
                collectRoles(d, perms, warnings);
            }
        }
        Map<String, TreeSet<String>> rolesOf = new TreeMap<>();
        TreeMap<String, TreeSet<String>> undefined = new TreeMap<>();
        TreeMap<String, Integer> skipped = new TreeMap<>();
        int conditional = 0;
        for (JsonNode b : ImportJson.objects(policy.get("bindings"))) {
            String role = ImportJson.text(b, "role");
            if (role == null) {
                continue;
            }
            boolean cond = b.hasNonNull("condition");
            if (cond) {
                conditional++;
            }
            for (String m : ImportJson.strings(b.get("members"))) {
                if (m.startsWith("serviceAccount:")) {
                    String email = m.substring("serviceAccount:".length());
                    rolesOf.computeIfAbsent(email, k -> new TreeSet<>()).add(cond ? role + " (conditional)" : role);
                    if (!perms.containsKey(role)) {
                        undefined.computeIfAbsent(role, k -> new TreeSet<>()).add(email);
                    }
                } else {
                    int colon = m.indexOf(':');
                    skipped.merge(colon < 0 ? m : m.substring(0, colon), 1, Integer::sum);
                }
            }
        }
        List<InventoryRecord> records = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : rolesOf.entrySet()) {
            TreeSet<String> grants = new TreeSet<>();
            for (String r : e.getValue()) {
                grants.addAll(perms.getOrDefault(r.replace(" (conditional)", ""), List.of()));
            }
            records.add(new InventoryRecord(e.getKey(), "gcp_service_account", null,
                    "GCP IAM roles: " + String.join(", ", e.getValue()), grants, List.of(), null, null));
        }
        undefined.forEach((role, members) -> warnings.add("role " + role + " has no definition given: not included for "
                + members.size() + " service account(s)"));
        if (conditional > 0) {
            warnings.add(conditional + " conditional bindings kept without their condition (grants over-approximate)");
        }
        if (!skipped.isEmpty()) {
            warnings.add("non-service-account members skipped: " + skipped);
        }
        return new ImportResult(records, warnings);
    }

    private static void collectRoles(JsonNode d, Map<String, List<String>> perms, List<String> warnings) {
        if (d == null) {
            return;
        }
        if (d.isArray()) {
            d.forEach(x -> collectRoles(x, perms, warnings));
        } else if (d.has("roles") && d.get("roles").isArray()) {
            collectRoles(d.get("roles"), perms, warnings);
        } else if (d.has("name") && d.has("includedPermissions")) {
            perms.put(ImportJson.text(d, "name"), ImportJson.strings(d.get("includedPermissions")));
        } else if (d.has("name")) {
            // e.g. a role listed without --show-deleted/--view=FULL: no permissions known
            warnings.add("role definition " + ImportJson.text(d, "name") + " has no includedPermissions");
        } else if (d.isObject() && d.size() > 0) {
            warnings.add("role definition document not recognised (fields " + fieldNames(d) + ")");
        }
    }

    private static String fieldNames(JsonNode d) {
        List<String> names = new ArrayList<>();
        d.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }
}
