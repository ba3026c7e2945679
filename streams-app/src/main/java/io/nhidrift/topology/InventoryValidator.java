package io.nhidrift.topology;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.InventoryParser;
import io.nhidrift.json.RecordException;

/**
 * One keyed inventory record (CONTRACT section 3) to an {@link Entitlement}, or the reason it is refused: not
 * valid inventory JSON, no key, against the {@link EdgeRules}, or a key that is not its credentialId. Shared by
 * {@link InventoryParseProcessor} and the direct {@code replay} path. Never throws on input.
 */
public final class InventoryValidator {

    private final EdgeRules rules;

    public InventoryValidator(EdgeRules rules) {
        this.rules = rules;
    }

    /** Either {@code entitlement} or {@code rejection} is set. */
    public record Outcome(Entitlement entitlement, String rejection) {}

    public Outcome validate(String key, byte[] value, long wallClock) {
        Entitlement e;
        try {
            e = InventoryParser.parse(value);
        } catch (RecordException ex) {
            return new Outcome(null, ex.getMessage());
        } catch (RuntimeException ex) {
            return new Outcome(null, "inventory parser failure: " + ex);
        }
        if (key == null) {
            return new Outcome(null, "inventory record without a key: key it by its credentialId");
        }
        String problem = rules.checkEntitlement(e, wallClock);
        if (problem != null) {
            return new Outcome(null, problem);
        }
        if (!key.equals(e.getCredentialId())) {
            return new Outcome(null, "record key '" + key + "' differs from credentialId '" + e.getCredentialId() + "'");
        }
        return new Outcome(e, null);
    }
}
