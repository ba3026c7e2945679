package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import java.io.IOException;
import java.nio.file.Files;
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
 * (one counting warning). owner stays null: IAM policies carry no labels, and neither do
 * {@code serviceAccounts.list} answers (service accounts cannot be labelled), so there is nothing to read it from.
 */
public final class GcpIamImporter implements Importer {

    public static final String FORMAT = "gcp-iam";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<String> usage() {
        return List.of(FORMAT + " POLICY.json [ROLEDEF.json|DIR]...",
                "    POLICY = gcloud projects get-iam-policy --format=json; every further FILE is a role definition",
                "    file (gcloud iam roles describe object, array, or {roles:[...]}); a DIR adds its *.json files.",
                "    Roles without a definition are reported and contribute no grants.");
    }

    @Override
    public ImportResult importFrom(ImportInput input) throws IOException {
        List<Path> files = input.files();
        if (Files.isDirectory(files.get(0))) {
            throw new IllegalArgumentException(FORMAT + ": the first FILE must be the IAM policy JSON");
        }
        return importFiles(files.get(0), ImportInput.expand(files.subList(1, files.size()), ".json"));
    }

    public static ImportResult importFiles(Path policy, Collection<Path> roleFiles) throws IOException {
        List<JsonNode> defs = new ArrayList<>();
        if (roleFiles != null) {
            for (Path p : roleFiles) {
                defs.addAll(Json.readDocuments(p));
            }
        }
        return importNodes(Json.readFile(policy), defs);
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
        for (JsonNode b : Fields.objects(policy.get("bindings"))) {
            String role = Fields.textAsIs(b, "role");
            if (role == null) {
                continue;
            }
            boolean cond = b.hasNonNull("condition");
            if (cond) {
                conditional++;
            }
            for (String m : Fields.strings(b.get("members"))) {
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
            records.add(new InventoryRecord(e.getKey(), CredentialKind.GCP_SERVICE_ACCOUNT, null,
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
            perms.put(Fields.textAsIs(d, "name"), Fields.strings(d.get("includedPermissions")));
        } else if (d.has("name")) {
            // e.g. a role listed without --show-deleted/--view=FULL: no permissions known
            warnings.add("role definition " + Fields.textAsIs(d, "name") + " has no includedPermissions");
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
