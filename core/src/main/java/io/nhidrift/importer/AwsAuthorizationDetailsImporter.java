package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import io.nhidrift.json.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <li>owner = the value of the first {@link OwnerKeys} key among the principal's {@code Tags} (an access key
 *     takes its user's tags), team/contact from tags {@code team}/{@code contact}, else null. createdAt =
 *     CreateDate (both {@code 2023-03-09 10:41:45+00:00} and ISO forms).</li>
 * <li>lastUsedAt = a role's {@code RoleLastUsed.LastUsedDate} (when the role was last used, not for which
 *     action). Access keys and users get none: list-access-keys carries no last-used date, and
 *     get-access-key-last-used answers do not name the key id.</li>
 * <li>{@code --access-keys} files must be list-access-keys answers ({@code AccessKeyMetadata[]}); anything else
 *     is an error naming the file.</li>
 * </ul>
 *
 * <p>Policy statements are evaluated by {@link IamPolicyDocument}, resolved per principal by {@link IamPolicies}
 * and accumulated in {@link PrincipalGrants}; access key files are read by {@link AwsAccessKeys}.
 */
public final class AwsAuthorizationDetailsImporter implements Importer {

    public static final String FORMAT = "aws-authorization-details";

    private final List<String> warnings = new ArrayList<>();
    private final Map<String, JsonNode> groupsByName = new HashMap<>();
    private final List<String> masked = new ArrayList<>();
    private final OwnerKeys ownerKeys;
    private IamPolicies policies;

    public AwsAuthorizationDetailsImporter() {
        this(OwnerKeys.DEFAULT);
    }

    private AwsAuthorizationDetailsImporter(OwnerKeys ownerKeys) {
        this.ownerKeys = ownerKeys;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<String> usage() {
        return List.of(FORMAT + " AUTHZ.json [--access-keys KEYS.json]...",
                "    AUTHZ = aws iam get-account-authorization-details; KEYS = aws iam list-access-keys output(s).",
                "    Users with keys give one aws_access_key record per key; users without key data one record",
                "    keyed by the user ARN (kind other); roles give aws_role records keyed by the role ARN.");
    }

    @Override
    public boolean takesAccessKeys() {
        return true;
    }

    @Override
    public ImportResult importFrom(ImportInput input) throws IOException {
        if (input.files().size() != 1 || Files.isDirectory(input.files().get(0))) {
            throw new IllegalArgumentException(FORMAT + " takes exactly one FILE"
                    + " (use --access-keys for list-access-keys output)");
        }
        return importFiles(input.files().get(0), input.accessKeyFiles(), input.ownerKeys());
    }

    public static ImportResult importFiles(Path authorizationDetails, Collection<Path> accessKeyFiles)
            throws IOException {
        return importFiles(authorizationDetails, accessKeyFiles, OwnerKeys.DEFAULT);
    }

    /**
     * @throws IllegalArgumentException also when an access key file is not a list-access-keys answer
     */
    public static ImportResult importFiles(Path authorizationDetails, Collection<Path> accessKeyFiles,
                                           OwnerKeys ownerKeys) throws IOException {
        JsonNode authz = Json.readFile(authorizationDetails);
        List<JsonNode> keys = new ArrayList<>();
        if (accessKeyFiles != null) {
            for (Path p : accessKeyFiles) {
                List<JsonNode> docs = Json.readDocuments(p);
                if (docs.isEmpty()) {
                    AwsAccessKeys.requireListAccessKeys(null, p.toString());
                }
                docs.forEach(d -> AwsAccessKeys.requireListAccessKeys(d, p.toString()));
                keys.addAll(docs);
            }
        }
        return new AwsAuthorizationDetailsImporter(ownerKeys).run(authz, keys);
    }

    /**
     * @param authz      the get-account-authorization-details JSON
     * @param accessKeys list-access-keys outputs: objects with {@code AccessKeyMetadata[]}, bare arrays of
     *                   metadata entries, or arrays of such objects; may be empty
     */
    public static ImportResult importNodes(JsonNode authz, List<JsonNode> accessKeys) {
        return new AwsAuthorizationDetailsImporter().run(authz, accessKeys == null ? List.of() : accessKeys);
    }

    /** As {@link #importNodes(JsonNode, List)}, with the given owner keys. */
    public static ImportResult importNodes(JsonNode authz, List<JsonNode> accessKeys, OwnerKeys ownerKeys) {
        return new AwsAuthorizationDetailsImporter(ownerKeys).run(authz, accessKeys == null ? List.of() : accessKeys);
    }

    private ImportResult run(JsonNode authz, List<JsonNode> accessKeyDocs) {
        if (authz == null || !authz.isObject()
                || !(authz.has("RoleDetailList") || authz.has("UserDetailList") || authz.has("Policies"))) {
            throw new IllegalArgumentException(
                    "not a get-account-authorization-details document (no RoleDetailList/UserDetailList/Policies)");
        }
        policies = new IamPolicies(authz, warnings);
        for (JsonNode g : Fields.objects(authz.get("GroupDetailList"))) {
            String name = Fields.textAsIs(g, "GroupName");
            if (name != null) {
                groupsByName.put(name, g);
            }
        }
        Map<String, List<JsonNode>> keysByUser = AwsAccessKeys.byUser(accessKeyDocs, warnings);

        List<InventoryRecord> records = new ArrayList<>();
        for (JsonNode r : Fields.objects(authz.get("RoleDetailList"))) {
            addRole(r, records);
        }
        for (JsonNode u : Fields.objects(authz.get("UserDetailList"))) {
            addUser(u, keysByUser, records);
        }
        for (Map.Entry<String, List<JsonNode>> e : keysByUser.entrySet()) {
            warnings.add("access keys of user " + e.getKey() + " (" + e.getValue().size()
                    + ") skipped: user not in the authorization details, grants unknown");
        }
        policies.warnMissing();
        warnings.addAll(masked);
        policies.warnConditions();
        return new ImportResult(records, warnings);
    }

    private void addRole(JsonNode r, List<InventoryRecord> records) {
        String arn = AwsPrincipals.roleArn(r);
        if (arn == null) {
            warnings.add("role without Arn/RoleName skipped");
            return;
        }
        PrincipalGrants acc = new PrincipalGrants();
        policies.addAttached(r, acc);
        policies.addInline(r.get("RolePolicyList"), arn, acc);
        finish(r, arn, acc);
        records.add(new InventoryRecord(arn, CredentialKind.AWS_ROLE, null,
                AwsPrincipals.blankToNull(Fields.textAsIs(r, "Description")), acc.grantList(), acc.denyList(),
                Times.instant(Fields.textAsIs(r, "CreateDate")), null)
                .withOwnership(ownership(r))
                .withLastUsedAt(Times.instant(Fields.textAsIs(r.path("RoleLastUsed"), "LastUsedDate"))));
    }

    /** Adds a user's records; removes the user's entry from {@code keysByUser}. */
    private void addUser(JsonNode u, Map<String, List<JsonNode>> keysByUser, List<InventoryRecord> records) {
        String arn = Fields.textAsIs(u, "Arn");
        String name = Fields.textAsIs(u, "UserName");
        if (arn == null || name == null) {
            warnings.add("user without Arn/UserName skipped");
            return;
        }
        PrincipalGrants acc = new PrincipalGrants();
        policies.addAttached(u, acc);
        policies.addInline(u.get("UserPolicyList"), arn, acc);
        for (String groupName : Fields.strings(u.get("GroupList"))) {
            JsonNode g = groupsByName.get(groupName);
            if (g == null) {
                warnings.add("user " + arn + ": group " + groupName + " not in GroupDetailList, its policies are missing");
                continue;
            }
            String gArn = Fields.textAsIs(g, "Arn") == null ? "group " + groupName : Fields.textAsIs(g, "Arn");
            policies.addAttached(g, acc);
            policies.addInline(g.get("GroupPolicyList"), gArn, acc);
        }
        finish(u, arn, acc);
        List<String> denies = acc.denyList();
        List<String> grants = acc.grantList();
        List<JsonNode> keys = keysByUser.remove(name);
        if (keys == null || keys.isEmpty()) {
            records.add(new InventoryRecord(arn, CredentialKind.OTHER, null,
                    "IAM user " + name + " (no access key data)", grants, denies,
                    Times.instant(Fields.textAsIs(u, "CreateDate")), null).withOwnership(ownership(u)));
            return;
        }
        for (JsonNode k : keys) {
            String status = Fields.textAsIs(k, "Status");
            String purpose = "access key of IAM user " + name
                    + (status != null && !"Active".equalsIgnoreCase(status) ? " (status " + status + ")" : "");
            records.add(new InventoryRecord(Fields.textAsIs(k, "AccessKeyId"), CredentialKind.AWS_ACCESS_KEY,
                    null, purpose, grants, denies, Times.instant(Fields.textAsIs(k, "CreateDate")), null)
                    .withOwnership(ownership(u)));
        }
    }

    private OwnerKeys.Ownership ownership(JsonNode principal) {
        return ownerKeys.ownership(AwsPrincipals.tags(principal));
    }

    /** Warns about an ignored permissions boundary now, and notes explicit allows masked by NotAction denies. */
    private void finish(JsonNode principal, String arn, PrincipalGrants acc) {
        JsonNode b = principal.get("PermissionsBoundary");
        if (b != null && b.isObject() && b.size() > 0) {
            warnings.add(arn + ": permissions boundary "
                    + Fields.textAsIs(b, "PermissionsBoundaryArn") + " ignored (grants over-approximate)");
        }
        String hit = acc.maskedAllows();
        if (hit != null) {
            masked.add(arn + ": explicitly allowed " + hit + " masked by NotAction-derived denies");
        }
    }
}
