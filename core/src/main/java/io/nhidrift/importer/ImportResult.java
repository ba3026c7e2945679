package io.nhidrift.importer;

import java.time.Instant;
import java.util.List;

/** Records produced by an importer, plus human-readable warnings (what could not be represented exactly). */
public record ImportResult(List<InventoryRecord> records, List<String> warnings) {

    public ImportResult {
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
    }

    /** Same result with {@code asOf} set on every record. */
    public ImportResult withAsOf(Instant asOf) {
        return new ImportResult(records.stream().map(r -> r.withAsOf(asOf)).toList(), warnings);
    }

    /** The record with this credential id, or null. */
    public InventoryRecord find(String credentialId) {
        return records.stream().filter(r -> r.credentialId().equals(credentialId)).findFirst().orElse(null);
    }
}
