package io.nhidrift.topology;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.detect.DriftEngine;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one owner of per-credential state: normalized events and inventory versions in, alerts out
 * (to record-alerts, which stores them and sends them on to the alert sinks). The detection logic itself is
 * {@link DriftEngine}; this class binds it to the task's stores, clock and downstream.
 */
final class DetectProcessor implements Processor<String, Object, String, Alert> {

    private final DetectionConfig config;
    private final TimeMode timeMode;
    private ProcessorContext<String, Alert> context;
    private DriftEngine engine;
    private DetectMetrics metrics;

    DetectProcessor(DetectionConfig config, TimeMode timeMode) {
        this.config = config;
        this.timeMode = timeMode;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        KeyValueStore<String, CredentialState> states = context.getStateStore(Names.CREDENTIAL_STATE_STORE);
        KeyValueStore<String, Entitlement> inventory = context.getStateStore(Names.INVENTORY_STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(Names.TIME_INDEX_STORE);
        this.engine = new DriftEngine(config, new StoreStateAccess(states, inventory, index), this::emit,
                timeMode == TimeMode.LIVE);
        this.metrics = new DetectMetrics(context);
        context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, Object> record) {
        long wallClock = context.currentSystemTimeMs();
        if (record.value() instanceof UsageEvent e) {
            engine.onEvent(e, wallClock);
        } else if (record.value() instanceof Entitlement ent) {
            engine.onInventory(ent, record.timestamp(), wallClock);
        }
    }

    private void punctuate(long now) {
        long start = System.nanoTime();
        engine.onWallClock(now);
        metrics.punctuated(System.nanoTime() - start);
    }

    /**
     * Stamped with the wall clock, not the alert's event time: the child (record-alerts) writes the alert store, whose
     * changelog records carry this stamp, and a broker refuses stamps far ahead of its clock. record-alerts stamps the
     * alert with its event time for the alert sinks.
     */
    private void emit(Alert alert) {
        metrics.alertEmitted(alert.getType(), alert.getSeverity());
        context.forward(new Record<>(alert.getCredentialId(), alert, context.currentSystemTimeMs()));
    }
}
