package io.nhidrift.detect;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.CompiledEntitlement;
import java.util.function.Function;

/**
 * An entitlement as a {@link StateAccess} object cache keeps it: with its compiled form once the engine has asked
 * for it ({@link StateAccess#compiled}), so the events of a cached credential find it without a lookup by pattern
 * set. Entitlements are not changed after they are built ({@code InventoryParser}); a new version is a new object,
 * kept anew. Not thread-safe (a cache of one task or shard).
 */
public final class KeptEntitlement {

    private final Entitlement entitlement;
    private CompiledEntitlement compiled;

    public KeptEntitlement(Entitlement entitlement) {
        this.entitlement = entitlement;
    }

    public Entitlement entitlement() {
        return entitlement;
    }

    /** The compiled form: {@code compile}'s answer the first time, the same object after. */
    public CompiledEntitlement compiled(Function<Entitlement, CompiledEntitlement> compile) {
        if (compiled == null) {
            compiled = compile.apply(entitlement);
        }
        return compiled;
    }
}
