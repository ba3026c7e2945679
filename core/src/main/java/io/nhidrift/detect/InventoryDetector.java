package io.nhidrift.detect;

/** A detection that looks at changes of a credential's granted entitlement. */
public interface InventoryDetector extends Detector {

    /** Reports to {@code out} which of its conditions the new version makes hold or end. */
    void onInventory(InventoryContext ctx, Decisions out);
}
