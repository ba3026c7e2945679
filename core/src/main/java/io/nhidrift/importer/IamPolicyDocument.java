package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one IAM policy document contributes to a principal's CONTRACT grants and denies.
 *
 * <ul>
 * <li>The document may be a JSON object, a plain JSON string or a URL-encoded JSON string (as returned by
 *     {@code get-account-authorization-details}); an unparseable or missing document is skipped with a warning.</li>
 * <li>{@code Statement} may be one object or a list; {@code Action}/{@code NotAction} a string or a list.</li>
 * <li>{@code Allow}+{@code Action} are grants, {@code Deny}+{@code Action} denies.</li>
 * <li>{@code Allow}+{@code NotAction} becomes grant {@code *} plus {@link #notActionDenies() denies} of the
 *     NotAction patterns, with a warning that these over-approximate.</li>
 * <li>{@code Deny}+{@code NotAction} cannot be expressed: skipped with a warning. Other effects: skipped with
 *     a warning.</li>
 * <li>Statements with a {@code Condition} are only counted ({@link #conditionStatements()}); conditions and
 *     resources are ignored.</li>
 * </ul>
 *
 * @param grants              action patterns allowed
 * @param denies              action patterns denied by {@code Deny}+{@code Action}
 * @param notActionDenies     NotAction patterns of {@code Allow}+{@code NotAction} statements
 * @param conditionStatements number of statements carrying a {@code Condition}
 */
record IamPolicyDocument(SortedSet<String> grants, SortedSet<String> denies, SortedSet<String> notActionDenies,
        int conditionStatements) {

    /**
     * Evaluates one policy document.
     *
     * @param name     how warnings name the policy (ARN, or {@code <owner> inline <PolicyName>})
     * @param doc      the document: object, or URL-encoded / plain JSON string; may be null
     * @param warnings where warnings are appended
     */
    static IamPolicyDocument evaluate(String name, JsonNode doc, List<String> warnings) {
        TreeSet<String> grants = new TreeSet<>();
        TreeSet<String> denies = new TreeSet<>();
        TreeSet<String> notActionDenies = new TreeSet<>();
        int conditions = 0;
        if (doc != null && doc.isTextual()) {
            String s = doc.asText().trim();
            try {
                if (!s.startsWith("{")) {
                    s = URLDecoder.decode(s, StandardCharsets.UTF_8);
                }
                doc = Json.readText(s);
            } catch (IOException | IllegalArgumentException ex) {
                warnings.add("policy " + name + ": unparseable document skipped");
                return of(grants, denies, notActionDenies, conditions);
            }
        }
        if (doc == null || !doc.isObject()) {
            warnings.add("policy " + name + ": no document, skipped");
            return of(grants, denies, notActionDenies, conditions);
        }
        boolean notActionAllow = false;
        for (JsonNode st : Fields.objects(doc.get("Statement"))) {
            String effect = Fields.textAsIs(st, "Effect");
            if (st.has("Condition")) {
                conditions++;
            }
            boolean allow = "Allow".equalsIgnoreCase(effect);
            boolean deny = "Deny".equalsIgnoreCase(effect);
            if (!allow && !deny) {
                warnings.add("policy " + name + ": statement with Effect " + effect + " skipped");
                continue;
            }
            if (st.has("Action")) {
                (allow ? grants : denies).addAll(Fields.strings(st.get("Action")));
            } else if (st.has("NotAction")) {
                if (allow) {
                    grants.add("*");
                    notActionDenies.addAll(Fields.strings(st.get("NotAction")));
                    notActionAllow = true;
                } else {
                    warnings.add("policy " + name + ": Deny+NotAction " + Fields.strings(st.get("NotAction"))
                            + " cannot be expressed, skipped");
                }
            }
        }
        if (notActionAllow) {
            warnings.add("policy " + name + ": Allow+NotAction as grant * with denies " + notActionDenies
                    + " (denies over-approximate if other statements allow some of them)");
        }
        return of(grants, denies, notActionDenies, conditions);
    }

    private static IamPolicyDocument of(TreeSet<String> grants, TreeSet<String> denies,
            TreeSet<String> notActionDenies, int conditions) {
        return new IamPolicyDocument(Collections.unmodifiableSortedSet(grants),
                Collections.unmodifiableSortedSet(denies), Collections.unmodifiableSortedSet(notActionDenies),
                conditions);
    }
}
