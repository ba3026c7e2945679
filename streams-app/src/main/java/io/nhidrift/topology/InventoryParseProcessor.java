package io.nhidrift.topology;

import io.nhidrift.adapter.Printable;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.avro.Entitlement;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory JSON (CONTRACT section 3) in, {@link Entitlement} out to the detector; invalid records, records
 * that break the {@link EdgeRules} (times out of range, ids too long or with control characters) and records
 * whose key is not their credentialId go to the dead-letter sink with the reason. Never throws on input.
 */
public final class InventoryParseProcessor implements Processor<String, byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryParseProcessor.class);

    private final InventoryValidator validator;
    private final boolean redactDeadLetters;
    private ProcessorContext<Object, Object> context;
    private Sensor deadLettered;

    public InventoryParseProcessor(EdgeRules rules) {
        this(rules, false);
    }

    /** {@code redactDeadLetters}: dead letters carry the redacted text of the record (dead-letters.redact). */
    public InventoryParseProcessor(EdgeRules rules, boolean redactDeadLetters) {
        this.validator = new InventoryValidator(rules);
        this.redactDeadLetters = redactDeadLetters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        deadLettered = context.metrics().addRateTotalSensor("nhi-drift", context.taskId().toString(),
                "records-dead-lettered-inventory", Sensor.RecordingLevel.INFO, "format", "inventory");
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("Ignoring inventory tombstone for '{}': to retire a credential publish a version with revokedAt",
                    Printable.escape(Redactor.redactText(record.key())));
            return;
        }
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        InventoryValidator.Outcome outcome = validator.validate(record.key(), record.value(), context.currentSystemTimeMs());
        if (outcome.rejection() != null) {
            deadLetter(record, key, outcome.rejection());
            return;
        }
        Entitlement e = outcome.entitlement();
        long ts = e.getAsOf() != null ? e.getAsOf() : record.timestamp();
        context.forward(new Record<Object, Object>(e.getCredentialId(), e, ts), Names.DETECT);
    }

    private void deadLetter(Record<String, byte[]> record, byte[] key, String reason) {
        context.forward(DeadLetters.of(context, record, key, record.value(), "inventory", reason, redactDeadLetters),
                Names.SINK_DEAD_LETTERS);
        deadLettered.record();
    }
}
