package io.nhidrift.detect;

import java.util.List;

/** A detection that looks at changes of a credential's granted entitlement. */
public interface InventoryDetector extends Detector {
    List<Finding> onInventory(InventoryContext ctx);
}
