package io.nhidrift.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns Kubernetes RBAC policy rules into action patterns in the k8s-audit vocabulary of CONTRACT section 2,
 * {@code <resource>[.<group>][/<subresource>]:<verb>}, and counts the rules whose meaning had to be widened or
 * dropped, for the summary warnings.
 *
 * <ul>
 * <li>core group "" has no {@code .group}; apiGroup {@code *} gives both {@code r:v} and {@code r.*:v}; rule
 *     resource {@code pods/log} is resource {@code pods} + subresource {@code log}; verb {@code *} is the glob
 *     {@code *}.</li>
 * <li>Resource {@code *} in a named group {@code g} gives {@code *.g:v} and {@code *.g/*:v}; in the core group it
 *     can only be written {@code *:v}, which also covers other groups (counted as widened).</li>
 * <li>{@code resourceNames} restrictions are dropped (counted).</li>
 * <li>nonResourceURLs become {@code <path>:<verb>} ({@code *} as {@code /*}), only when reached through a
 *     ClusterRoleBinding; through a RoleBinding they are ignored (counted).</li>
 * </ul>
 */
final class RbacRules {

    private int widened;
    private int resourceNamesDropped;
    private int nonResourceInRoleBinding;

    /** The k8s-audit action patterns a policy rule grants. */
    Set<String> actions(JsonNode rule, boolean viaRoleBinding) {
        TreeSet<String> out = new TreeSet<>();
        List<String> verbs = Fields.strings(rule.get("verbs"));
        List<String> urls = Fields.strings(rule.get("nonResourceURLs"));
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
        List<String> resources = Fields.strings(rule.get("resources"));
        if (resources.isEmpty()) {
            return out;
        }
        if (!Fields.strings(rule.get("resourceNames")).isEmpty()) {
            resourceNamesDropped++;
        }
        for (String g : Fields.strings(rule.get("apiGroups"))) {
            for (String r : resources) {
                int slash = r.indexOf('/');
                String res = slash < 0 ? r : r.substring(0, slash);
                String sub = slash < 0 ? null : r.substring(slash + 1);
                String subPart = sub == null ? "" : "/" + sub;
                for (String v : verbs) {
                    addResourceAction(out, g, res, sub, subPart, ":" + v);
                }
            }
        }
        return out;
    }

    private void addResourceAction(Set<String> out, String g, String res, String sub, String subPart, String verb) {
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

    /** Appends the counted warnings (widened core-group wildcards, resourceNames, nonResourceURLs). */
    void addWarnings(List<String> warnings) {
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
    }
}
