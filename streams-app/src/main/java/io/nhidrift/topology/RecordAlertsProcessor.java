package io.nhidrift.topology;

import io.nhidrift.avro.Alert;
import io.nhidrift.triage.AlertStore;
import io.nhidrift.triage.TriageDecision;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every alert of detect-drift passes here: it is recorded in the alert store (open, or suppressed when a triage
 * suppression of its type for its credential is in force at the alert's event time) and, unless suppressed, sent on
 * to the alert sinks, stamped with its event time. Same task as detection, so the store write and the alert commit
 * together; the store's changelog records carry detect-drift's stamp (the wall clock: a broker refuses stamps far
 * ahead of its clock, and an alert's event time may be ahead of it by up to {@code input.max-future-skew}). A wall-clock
 * punctuation evicts alerts older than {@code alerts.retention} before the newest alert of the partition.
 */
final class RecordAlertsProcessor implements Processor<String, Alert, String, Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordAlertsProcessor.class);
    /** How often (wall clock) retention runs; each run removes a bounded number of alerts. */
    static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);

    private final long retentionMs;
    private ProcessorContext<String, Alert> context;
    private AlertStore store;
    private Sensor suppressed;

    RecordAlertsProcessor(long retentionMs) {
        this.retentionMs = retentionMs;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = new AlertStore(context.getStateStore(Names.ALERT_STORE));
        suppressed = context.metrics().addRateTotalSensor("nhi-drift", context.taskId().toString(),
                "alerts-suppressed", Sensor.RecordingLevel.INFO);
        context.schedule(EVICTION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> evict());
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        TriageDecision suppression = store.suppressionOf(alert);
        store.record(alert, suppression);
        if (suppression == null) {
            context.forward(record.withTimestamp(alert.getEventTime().toEpochMilli()));
        } else {
            suppressed.record();
            LOG.debug("Alert {} ({} of {}) suppressed until {} by {}", alert.getAlertId(), alert.getType(),
                    DeadLetters.printable(alert.getCredentialId()), suppression.expiresAt(), suppression.by());
        }
    }

    private void evict() {
        long newest = store.newestEventTime();
        if (newest >= 0) {
            store.evictBefore(newest - retentionMs);
        }
    }
}
