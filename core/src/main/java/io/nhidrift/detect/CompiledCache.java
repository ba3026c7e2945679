package io.nhidrift.detect;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiled grants by pattern set: credentials that share a policy share one compiled form (LRU). */
final class CompiledCache {

    private static final int SIZE = 10_000;

    private final Map<List<List<String>>, CompiledEntitlement> cache =
            new LinkedHashMap<>(256, 0.75f, true) {
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
