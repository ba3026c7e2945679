package io.nhidrift.inventory;

import io.nhidrift.avro.Entitlement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grants and denies of one entitlement version, compiled once: literal patterns in a hash set,
 * the rest as globs. An action is in scope when it matches a grant and no deny (CONTRACT section 3).
 */
public final class CompiledEntitlement {

    private final List<String> grantTexts;
    private final List<String> denyTexts;
    private final List<Glob> grants;
    private final Set<String> literalGrants = new HashSet<>();
    private final List<Glob> wildcardGrants = new ArrayList<>();
    private final Set<String> literalDenies = new HashSet<>();
    private final List<Glob> wildcardDenies = new ArrayList<>();
    private final long fingerprint;

    public CompiledEntitlement(List<String> grants, List<String> denies) {
        this.grantTexts = List.copyOf(grants);
        this.denyTexts = List.copyOf(denies);
        this.grants = grants.stream().map(Glob::new).toList();
        split(this.grants, literalGrants, wildcardGrants);
        split(denies.stream().map(Glob::new).toList(), literalDenies, wildcardDenies);
        this.fingerprint = fingerprint(grantTexts, denyTexts);
    }

    public static CompiledEntitlement of(Entitlement e) {
        return new CompiledEntitlement(e.getGrants(), e.getDenies());
    }

    /** A stable 64-bit fingerprint of the patterns, stored with cached scope verdicts. */
    public long fingerprint() {
        return fingerprint;
    }

    public boolean inScope(String action) {
        String a = Glob.normalize(action);
        return matchesAny(a, literalGrants, wildcardGrants) && !matchesAny(a, literalDenies, wildcardDenies);
    }

    public boolean denied(String action) {
        return matchesAny(Glob.normalize(action), literalDenies, wildcardDenies);
    }

    /** The grant patterns (as written) that this action matches, in inventory order. */
    public List<String> matchingGrants(String action) {
        String a = Glob.normalize(action);
        List<String> out = new ArrayList<>(2);
        for (Glob g : grants) {
            if (g.matchesNormalized(a)) {
                out.add(g.text());
            }
        }
        return out;
    }

    /** The grant patterns as compiled globs, in inventory order. */
    public List<Glob> grants() {
        return grants;
    }

    private static boolean matchesAny(String action, Set<String> literals, List<Glob> globs) {
        if (literals.contains(action)) {
            return true;
        }
        for (Glob g : globs) {
            if (g.matchesNormalized(action)) {
                return true;
            }
        }
        return false;
    }

    private static void split(List<Glob> globs, Set<String> literals, List<Glob> wildcards) {
        for (Glob g : globs) {
            if (g.isLiteral()) {
                literals.add(g.normalized());
            } else {
                wildcards.add(g);
            }
        }
    }

    private static long fingerprint(List<String> grants, List<String> denies) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String g : grants) {
                md.update(g.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update((byte) 1);
            for (String d : denies) {
                md.update(d.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            byte[] h = md.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v == 0 ? 1 : v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
