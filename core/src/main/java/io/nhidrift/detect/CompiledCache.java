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
 *
 * <p>An event looks up the entitlement object its state cache already holds, so the last compiled form of each
 * entitlement object is also remembered by identity ({@value #RECENT} direct-mapped slots of immutable pairs): the
 * common lookup is one identity compare instead of hashing and comparing every grant and deny pattern. Entitlements
 * are not changed after they are built ({@code InventoryParser}), so an object's compiled form never goes stale.
 */
final class CompiledCache {

    private static final int SIZE = 10_000;
    private static final int RECENT = 1024;

    private final Map<List<List<String>>, CompiledEntitlement> cache =
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<List<String>>, CompiledEntitlement> e) {
                    return size() > SIZE;
                }
            };

    /** An entitlement object and its compiled form. */
    private record Compiled(Entitlement entitlement, CompiledEntitlement compiled) {}

    private final Compiled[] recent = new Compiled[RECENT];

    CompiledEntitlement of(Entitlement ent) {
        int slot = System.identityHashCode(ent) & (RECENT - 1);
        Compiled last = recent[slot];
        if (last != null && last.entitlement() == ent) {
            return last.compiled();
        }
        CompiledEntitlement compiled = cache.computeIfAbsent(List.of(ent.getGrants(), ent.getDenies()),
                k -> CompiledEntitlement.of(ent));
        recent[slot] = new Compiled(ent, compiled);
        return compiled;
    }
}
