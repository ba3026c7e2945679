package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Inventory from {@code aws iam get-account-authorization-details} (optionally plus one or more
 * {@code aws iam list-access-keys} outputs).
 *
 * <ul>
 * <li>One {@code aws_role} record per role, credentialId {@code arn:<partition>:iam::<acct>:role/<path><name>}
 *     (path "" or "/" gives no path segment), purpose = the role's Description.</li>
 * <li>Per user: one {@code aws_access_key} record per access key id of that user found in the list-access-keys
 *     data (createdAt = the key's CreateDate, purpose names the user and a non-Active key status); a user
 *     without any key in that data becomes ONE record with credentialId = the user ARN and kind {@code other}
 *     (it may act through console sessions or keys we were not shown; CloudTrail attributes such callers by
 *     {@code userIdentity.arn}). Keys of users absent from the authorization details are skipped with a
 *     warning (their grants are unknown).</li>
 * <li>Grants: attached managed policies (the version with IsDefaultVersion from {@code Policies[]}), inline
 *     policies (documents as objects or URL-encoded strings) and, for users, the policies of their groups.
 *     {@code Allow}+{@code Action} are grants, {@code Deny}+{@code Action} denies.</li>
 * <li>{@code Allow}+{@code NotAction} becomes grant {@code *} plus denies of the NotAction patterns. Because
 *     CONTRACT denies win over every grant, actions in the NotAction list that another statement does allow
 *     explicitly end up out of scope: the denies over-approximate (a warning names the policy, and the
 *     principals where an explicit allow is masked).</li>
 * <li>{@code Deny}+{@code NotAction} ("deny everything except") cannot be expressed: skipped with a warning.</li>
 * <li>Resources, NotResource, Conditions and permissions boundaries are ignored (grants over-approximate);
 *     conditions are reported as one counted warning.</li>
 * <li>A managed policy attached by ARN whose default version is not in the file: warning naming the ARN,
 *     nothing guessed.</li>
 * <li>owner = the value of a tag {@code owner}/{@code Owner}, else null. createdAt = CreateDate (both
 *     {@code 2023-03-09 10:41:45+00:00} and ISO forms).</li>
 * </ul>
 */
public final class AwsAuthorizationDetailsImporter {

    /** What one policy document contributes. */
    private record PolicyEffect(TreeSet<String> grants, TreeSet<String> denies, TreeSet<String> notActionDenies) {
        PolicyEffect() {
            this(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        }
    }

    /** Accumulated grants of one principal. */
    private static final class Acc {
        final TreeSet<String> grants = new TreeSet<>();
        final TreeSet<String> denies = new TreeSet<>();
        final TreeSet<String> notActionDenies = new TreeSet<>();

        void add(PolicyEffect e) {
            if (e != null) {
                grants.addAll(e.grants());
                denies.addAll(e.denies());
                notActionDenies.addAll(e.notActionDenies());
            }
        }
    }

    private final List<String> warnings = new ArrayList<>();
    private final Map<String, JsonNode> managedDocs = new HashMap<>();
    private final Map<String, PolicyEffect> managed = new HashMap<>();
    private final Map<String, JsonNode> groupsByName = new HashMap<>();
    private final TreeMap<String, Integer> conditionStatements = new TreeMap<>();
    private final TreeSet<String> missingPolicies = new TreeSet<>();

    public static ImportResult importFiles(Path authorizationDetails, Collection<Path> accessKeyFiles)
            throws IOException {
        JsonNode authz = ImportJson.readJson(authorizationDetails);
        List<JsonNode> keys = new ArrayList<>();
        if (accessKeyFiles != null) {
            for (Path p : accessKeyFiles) {
                keys.addAll(ImportJson.readDocuments(p));
            }
        }
        return importNodes(authz, keys);
    }

    /**
     * @param authz      the get-account-authorization-details JSON
     * @param accessKeys list-access-keys outputs: objects with {@code AccessKeyMetadata[]}, bare arrays of
     *                   metadata entries, or arrays of such objects; may be empty
     */
    public static ImportResult importNodes(JsonNode authz, List<JsonNode> accessKeys) {
        return new AwsAuthorizationDetailsImporter().run(authz, accessKeys == null ? List.of() : accessKeys);
    }

    private ImportResult run(JsonNode authz, List<JsonNode> accessKeyDocs) {
        if (authz == null || !authz.isObject()
                || !(authz.has("RoleDetailList") || authz.has("UserDetailList") || authz.has("Policies"))) {
            throw new IllegalArgumentException(
                    "not a get-account-authorization-details document (no RoleDetailList/UserDetailList/Policies)");
        }
        for (JsonNode p : ImportJson.objects(authz.get("Policies"))) {
            String arn = ImportJson.text(p, "Arn");
            JsonNode doc = null;
            for (JsonNode v : ImportJson.objects(p.get("PolicyVersionList"))) {
                if (v.path("IsDefaultVersion").asBoolean(false)) {
                    doc = v.get("Document");
                }
            }
            if (arn != null && doc != null) {
                managedDocs.put(arn, doc); // evaluated when attached, so unattached policies raise no warnings
            }
        }
        for (JsonNode g : ImportJson.objects(authz.get("GroupDetailList"))) {
            String name = ImportJson.text(g, "GroupName");
            if (name != null) {
                groupsByName.put(name, g);
            }
        }

        Map<String, List<JsonNode>> keysByUser = new LinkedHashMap<>();
        for (JsonNode doc : accessKeyDocs) {
            collectKeys(doc, keysByUser);
        }

        List<InventoryRecord> records = new ArrayList<>();
        List<String[]> masked = new ArrayList<>();
        for (JsonNode r : ImportJson.objects(authz.get("RoleDetailList"))) {
            String arn = roleArn(r);
            if (arn == null) {
                warnings.add("role without Arn/RoleName skipped");
                continue;
            }
            Acc acc = new Acc();
            attached(r, acc, arn);
            inline(r.get("RolePolicyList"), arn, acc);
            boundary(r, arn);
            checkMasked(arn, acc, masked);
            records.add(new InventoryRecord(arn, "aws_role", owner(r), blankToNull(ImportJson.text(r, "Description")),
                    collapse(acc.grants), union(acc.denies, acc.notActionDenies),
                    ImportJson.instant(ImportJson.text(r, "CreateDate")), null));
        }
        for (JsonNode u : ImportJson.objects(authz.get("UserDetailList"))) {
            String arn = ImportJson.text(u, "Arn");
            String name = ImportJson.text(u, "UserName");
            if (arn == null || name == null) {
                warnings.add("user without Arn/UserName skipped");
                continue;
            }
            Acc acc = new Acc();
            attached(u, acc, arn);
            inline(u.get("UserPolicyList"), arn, acc);
            for (String groupName : ImportJson.strings(u.get("GroupList"))) {
                JsonNode g = groupsByName.get(groupName);
                if (g == null) {
                    warnings.add("user " + arn + ": group " + groupName + " not in GroupDetailList, its policies are missing");
                    continue;
                }
                String gArn = ImportJson.text(g, "Arn") == null ? "group " + groupName : ImportJson.text(g, "Arn");
                attached(g, acc, gArn);
                inline(g.get("GroupPolicyList"), gArn, acc);
            }
            boundary(u, arn);
            checkMasked(arn, acc, masked);
            List<String> denies = union(acc.denies, acc.notActionDenies);
            List<String> grants = collapse(acc.grants);
            List<JsonNode> keys = keysByUser.remove(name);
            if (keys == null || keys.isEmpty()) {
                records.add(new InventoryRecord(arn, "other", owner(u), "IAM user " + name + " (no access key data)",
                        grants, denies, ImportJson.instant(ImportJson.text(u, "CreateDate")), null));
            } else {
                for (JsonNode k : keys) {
                    String status = ImportJson.text(k, "Status");
                    String purpose = "access key of IAM user " + name
                            + (status != null && !"Active".equalsIgnoreCase(status) ? " (status " + status + ")" : "");
                    records.add(new InventoryRecord(ImportJson.text(k, "AccessKeyId"), "aws_access_key", owner(u),
                            purpose, grants, denies, ImportJson.instant(ImportJson.text(k, "CreateDate")), null));
                }
            }
        }
        for (Map.Entry<String, List<JsonNode>> e : keysByUser.entrySet()) {
            warnings.add("access keys of user " + e.getKey() + " (" + e.getValue().size()
                    + ") skipped: user not in the authorization details, grants unknown");
        }
        for (String arn : missingPolicies) {
            warnings.add("managed policy " + arn + " is attached but its default version is not in the file: not included");
        }
        for (String[] m : masked) {
            warnings.add(m[0] + ": explicitly allowed " + m[1] + " masked by NotAction-derived denies");
        }
        if (!conditionStatements.isEmpty()) {
            int total = conditionStatements.values().stream().mapToInt(Integer::intValue).sum();
            warnings.add(conditionStatements.size() + " policies have " + total
                    + " statements with Condition: conditions (and resources) ignored, grants over-approximate");
        }
        return new ImportResult(records, warnings);
    }

    private void collectKeys(JsonNode doc, Map<String, List<JsonNode>> out) {
        if (doc == null) {
            return;
        }
        if (doc.isArray()) {
            doc.forEach(e -> collectKeys(e, out));
        } else if (doc.has("AccessKeyMetadata")) {
            collectKeys(doc.get("AccessKeyMetadata"), out);
        } else if (doc.has("AccessKeyId")) {
            String user = ImportJson.text(doc, "UserName");
            if (user == null) {
                warnings.add("access key " + ImportJson.text(doc, "AccessKeyId") + " without UserName skipped");
            } else {
                List<JsonNode> keys = out.computeIfAbsent(user, k -> new ArrayList<>());
                String id = ImportJson.text(doc, "AccessKeyId");
                if (keys.stream().noneMatch(k -> id.equals(ImportJson.text(k, "AccessKeyId")))) {
                    keys.add(doc);
                }
            }
        }
    }

    private void attached(JsonNode principal, Acc acc, String principalArn) {
        for (JsonNode a : ImportJson.objects(principal.get("AttachedManagedPolicies"))) {
            String arn = ImportJson.text(a, "PolicyArn");
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

    private void inline(JsonNode list, String ownerArn, Acc acc) {
        for (JsonNode p : ImportJson.objects(list)) {
            String name = ownerArn + " inline " + ImportJson.text(p, "PolicyName");
            acc.add(evaluate(name, p.get("PolicyDocument")));
        }
    }

    private void boundary(JsonNode principal, String arn) {
        JsonNode b = principal.get("PermissionsBoundary");
        if (b != null && b.isObject() && b.size() > 0) {
            warnings.add(arn + ": permissions boundary "
                    + ImportJson.text(b, "PermissionsBoundaryArn") + " ignored (grants over-approximate)");
        }
    }

    private void checkMasked(String arn, Acc acc, List<String[]> out) {
        if (acc.notActionDenies.isEmpty()) {
            return;
        }
        TreeSet<String> hit = new TreeSet<>();
        for (String g : acc.grants) {
            if (g.contains("*") || g.contains("?")) {
                continue;
            }
            for (String d : acc.notActionDenies) {
                if (new io.nhidrift.inventory.Glob(d).matches(g)) {
                    hit.add(g);
                }
            }
        }
        if (!hit.isEmpty()) {
            out.add(new String[] {arn, String.join(",", hit)});
        }
    }

    /** Evaluates one policy document (object or URL-encoded / plain JSON string). */
    private PolicyEffect evaluate(String name, JsonNode doc) {
        PolicyEffect e = new PolicyEffect();
        if (doc != null && doc.isTextual()) {
            String s = doc.asText().trim();
            try {
                if (!s.startsWith("{")) {
                    s = URLDecoder.decode(s, StandardCharsets.UTF_8);
                }
                doc = ImportJson.readJson(s);
            } catch (IOException | IllegalArgumentException ex) {
                warnings.add("policy " + name + ": unparseable document skipped");
                return e;
            }
        }
        if (doc == null || !doc.isObject()) {
            warnings.add("policy " + name + ": no document, skipped");
            return e;
        }
        boolean notActionAllow = false;
        for (JsonNode st : ImportJson.objects(doc.get("Statement"))) {
            String effect = ImportJson.text(st, "Effect");
            if (st.has("Condition")) {
                conditionStatements.merge(name, 1, Integer::sum);
            }
            boolean allow = "Allow".equalsIgnoreCase(effect);
            boolean deny = "Deny".equalsIgnoreCase(effect);
            if (!allow && !deny) {
                warnings.add("policy " + name + ": statement with Effect " + effect + " skipped");
                continue;
            }
            if (st.has("Action")) {
                (allow ? e.grants() : e.denies()).addAll(ImportJson.strings(st.get("Action")));
            } else if (st.has("NotAction")) {
                if (allow) {
                    e.grants().add("*");
                    e.notActionDenies().addAll(ImportJson.strings(st.get("NotAction")));
                    notActionAllow = true;
                } else {
                    warnings.add("policy " + name + ": Deny+NotAction " + ImportJson.strings(st.get("NotAction"))
                            + " cannot be expressed, skipped");
                }
            }
        }
        if (notActionAllow) {
            warnings.add("policy " + name + ": Allow+NotAction as grant * with denies " + e.notActionDenies()
                    + " (denies over-approximate if other statements allow some of them)");
        }
        return e;
    }

    /** {@code arn:<partition>:iam::<acct>:role/<path><name>} from Arn (account, partition), Path and RoleName. */
    static String roleArn(JsonNode r) {
        String arn = ImportJson.text(r, "Arn");
        String name = ImportJson.text(r, "RoleName");
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        if (name == null || parts.length < 6) {
            return arn;
        }
        String path = ImportJson.text(r, "Path");
        String p = path == null ? "" : path.replaceAll("^/+", "").replaceAll("/+$", "");
        return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + (p.isEmpty() ? "" : p + "/") + name;
    }

    private static String owner(JsonNode principal) {
        for (JsonNode t : ImportJson.objects(principal.get("Tags"))) {
            if ("owner".equalsIgnoreCase(ImportJson.text(t, "Key"))) {
                return blankToNull(ImportJson.text(t, "Value"));
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A grant {@code *} subsumes every other grant. */
    private static List<String> collapse(TreeSet<String> grants) {
        return grants.contains("*") ? List.of("*") : List.copyOf(grants);
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        TreeSet<String> s = new TreeSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
