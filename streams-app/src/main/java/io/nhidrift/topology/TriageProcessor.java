package io.nhidrift.topology;

import io.nhidrift.adapter.Printable;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.triage.AlertStore;
import io.nhidrift.triage.TriageDecision;
import io.nhidrift.triage.TriageException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triage decisions in ({@code nhi.triage}, partitioned by credential like the events, so the decision reaches the task
 * that holds the credential's alerts), applied to the alert store. A record that is not a valid decision, whose key is
 * not the decision's {@link TriageDecision#topicKey()}, or that names an alert this task does not hold is a dead
 * letter with the reason and the original bytes. Never throws on input.
 */
final class TriageProcessor implements Processor<String, byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(TriageProcessor.class);

    private final boolean redactDeadLetters;
    private ProcessorContext<Object, Object> context;
    private AlertStore store;
    private Sensor deadLettered;

    TriageProcessor(boolean redactDeadLetters) {
        this.redactDeadLetters = redactDeadLetters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = new AlertStore(context.getStateStore(Names.ALERT_STORE));
        deadLettered = context.metrics().addRateTotalSensor("nhi-drift", context.taskId().toString(),
                "records-dead-lettered-triage", Sensor.RecordingLevel.INFO, "format", "triage");
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("Ignoring triage tombstone for '{}': to end a suppression publish one that expires now",
                    Printable.escape(Redactor.redactText(record.key())));
            return;
        }
        try {
            TriageDecision d = TriageDecision.parse(record.value());
            if (!d.topicKey().equals(record.key())) {
                throw new TriageException("record key '" + record.key() + "' is not the decision's key '" + d.topicKey()
                        + "' (compaction keeps the latest record per key)");
            }
            TriageDecision applied = store.apply(d);
            LOG.info("Triage: {} {} of '{}' by {}{}", applied.action().label(),
                    applied.alertId() != null ? "alert " + applied.alertId() : applied.alertType(),
                    DeadLetters.printable(applied.credentialId()), DeadLetters.printable(applied.by()),
                    applied.expiresAt() == null ? "" : " until " + applied.expiresAt());
        } catch (TriageException e) {
            deadLetter(record, e.getMessage());
        } catch (RuntimeException e) {
            deadLetter(record, "triage failure: " + e);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(DeadLetters.of(context, record, key, record.value(), "triage", reason, redactDeadLetters),
                Names.SINK_TRIAGE_DEAD_LETTERS);
        deadLettered.record();
    }
}
