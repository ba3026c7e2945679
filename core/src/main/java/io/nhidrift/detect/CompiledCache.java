package io.nhidrift.detect;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled grants by pattern set: credentials that share a policy share one compiled form. Bounded; past
 * {@value #SIZE} distinct pattern sets the oldest entry goes (insertion order, not access order: an access-ordered
 * map would relink long-lived nodes on every event, pointer writes that G1's refinement threads pay for, to order
 * a cache that real policy counts never fill).
 */
final class CompiledCache {

    private static final int SIZE = 10_000;

    private final Map<List<List<String>>, CompiledEntitlement> cache =
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<List<String>>, CompiledEntitlement> e) {
                    return size() > SIZE;
                }
            };

    CompiledEntitlement of(Entitlement ent) {
        return cache.computeIfAbsent(List.of(ent.getGrants(), ent.getDenies()),
                k -> CompiledEntitlement.of(ent));
    }
}
