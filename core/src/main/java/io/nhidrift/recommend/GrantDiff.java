package io.nhidrift.recommend;

import io.nhidrift.inventory.Glob;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Today's grants against the recommended entries, compared as the matcher compares them (AWS actions and HTTP
 * methods case-insensitively): {@code keep} the grants that stay as written, {@code remove} the grants that go,
 * {@code add} the entries to grant instead (e.g. the concrete actions used under a wildcard that is removed).
 */
public record GrantDiff(List<String> keep, List<String> remove, List<String> add) {

    public static GrantDiff between(List<String> grants, List<String> recommended) {
        Set<String> wanted = new LinkedHashSet<>();
        recommended.forEach(r -> wanted.add(Glob.normalize(r)));
        Set<String> granted = new LinkedHashSet<>();
        List<String> keep = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String g : new LinkedHashSet<>(grants)) {
            String n = Glob.normalize(g);
            granted.add(n);
            (wanted.contains(n) ? keep : remove).add(g);
        }
        List<String> add = new ArrayList<>();
        for (String r : recommended) {
            if (!granted.contains(Glob.normalize(r))) {
                add.add(r);
            }
        }
        return new GrantDiff(List.copyOf(keep), List.copyOf(remove), List.copyOf(add));
    }
}
