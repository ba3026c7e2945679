package io.nhidrift.adapter.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.json.Fields;

/** Azure export envelopes shared by the Azure adapters. */
final class AzureRecords {

    private AzureRecords() {}

    /** The batch inside an Event Hub export ({@code records}) or a REST/Graph page ({@code value}). */
    static final String[] BATCH_FIELDS = {"records", "value"};

    /** Text of a field that may be a string or an object with {@code value} (REST API shape). */
    static String valueText(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            return Fields.text(n, "value");
        }
        return Fields.scalar(n);
    }
}
