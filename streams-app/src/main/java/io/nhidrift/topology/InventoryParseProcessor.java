package io.nhidrift.topology;

import io.nhidrift.avro.Entitlement;
import io.nhidrift.inventory.InventoryParser;
import io.nhidrift.json.RecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory JSON (CONTRACT section 3) in, {@link Entitlement} out to the detector; invalid records
 * (and records whose key is not their credentialId) go to the dead-letter sink.
 */
public final class InventoryParseProcessor implements Processor<String, byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryParseProcessor.class);

    private ProcessorContext<Object, Object> context;

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("Ignoring inventory tombstone for '{}': to retire a credential publish a version with revokedAt", record.key());
            return;
        }
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        try {
            Entitlement e = InventoryParser.parse(record.value());
            if (record.key() == null) {
                context.forward(DeadLetters.of(context, record, null, record.value(), "inventory",
                        "inventory record without a key: key it by its credentialId"), Names.SINK_DEAD_LETTERS);
                return;
            }
            if (!record.key().equals(e.getCredentialId())) {
                context.forward(DeadLetters.of(context, record, key, record.value(), "inventory",
                        "record key '" + record.key() + "' differs from credentialId '" + e.getCredentialId() + "'"),
                        Names.SINK_DEAD_LETTERS);
                return;
            }
            long ts = e.getAsOf() != null ? e.getAsOf() : record.timestamp();
            context.forward(new Record<Object, Object>(e.getCredentialId(), e, ts), Names.DETECT);
        } catch (RecordException ex) {
            context.forward(DeadLetters.of(context, record, key, record.value(), "inventory", ex.getMessage()),
                    Names.SINK_DEAD_LETTERS);
        }
    }
}
