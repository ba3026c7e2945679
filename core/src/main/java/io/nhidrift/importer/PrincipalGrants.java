package io.nhidrift.importer;

import io.nhidrift.inventory.Glob;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The grants and denies accumulated for one AWS principal from all its policies (attached, inline and, for
 * users, those of their groups), and how they become an inventory record's grant and deny lists.
 */
final class PrincipalGrants {

    private final TreeSet<String> grants = new TreeSet<>();
    private final TreeSet<String> denies = new TreeSet<>();
    private final TreeSet<String> notActionDenies = new TreeSet<>();

    void add(IamPolicyDocument policy) {
        if (policy != null) {
            grants.addAll(policy.grants());
            denies.addAll(policy.denies());
            notActionDenies.addAll(policy.notActionDenies());
        }
    }

    /**
     * Explicit (glob-free) grants that a NotAction-derived deny masks, comma-joined, or null when none:
     * CONTRACT denies win over every grant, so these actions end up out of scope.
     */
    String maskedAllows() {
        if (notActionDenies.isEmpty()) {
            return null;
        }
        TreeSet<String> hit = new TreeSet<>();
        for (String g : grants) {
            if (g.contains("*") || g.contains("?")) {
                continue;
            }
            for (String d : notActionDenies) {
                if (new Glob(d).matches(g)) {
                    hit.add(g);
                }
            }
        }
        return hit.isEmpty() ? null : String.join(",", hit);
    }

    /** The record's grants: a grant {@code *} subsumes every other grant. */
    List<String> grantList() {
        return grants.contains("*") ? List.of("*") : List.copyOf(grants);
    }

    /** The record's denies: Deny+Action denies plus NotAction-derived denies. */
    List<String> denyList() {
        return union(denies, notActionDenies);
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        TreeSet<String> s = new TreeSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
