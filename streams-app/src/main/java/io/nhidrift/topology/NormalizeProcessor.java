package io.nhidrift.topology;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Raw records of one format in, normalized events (keyed by credential id, timestamped with event
 * time) out; what cannot be parsed goes to the dead-letter sink with its reason. Never throws on input.
 */
public final class NormalizeProcessor implements Processor<byte[], byte[], Object, Object> {

    private final LogAdapter adapter;
    private ProcessorContext<Object, Object> context;
    private Sensor normalized;
    private Sensor skipped;
    private Sensor deadLettered;

    public NormalizeProcessor(LogAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        var m = context.metrics();
        String task = context.taskId().toString();
        normalized = m.addRateTotalSensor("nhi-drift", task, "events-normalized-" + adapter.format(),
                Sensor.RecordingLevel.INFO, "format", adapter.format());
        skipped = m.addRateTotalSensor("nhi-drift", task, "records-skipped-" + adapter.format(),
                Sensor.RecordingLevel.INFO, "format", adapter.format());
        deadLettered = m.addRateTotalSensor("nhi-drift", task, "records-dead-lettered-" + adapter.format(),
                Sensor.RecordingLevel.INFO, "format", adapter.format());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ParseResult result;
        try {
            result = adapter.parse(record.value());
        } catch (AdapterException e) {
            deadLetter(record, e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetter(record, "adapter failure: " + e);
            return;
        }
        for (UsageEvent event : result.events()) {
            if (event.getEventTime() < 0) { // no Kafka record can carry it: the whole record is bad input, not a crash
                deadLetter(record, "event time before 1970 (" + event.getEventTime() + " ms since the epoch)");
                return;
            }
        }
        for (UsageEvent event : result.events()) {
            context.forward(new Record<Object, Object>(event.getCredentialId(), event, event.getEventTime()), Names.SINK_EVENTS);
            normalized.record();
        }
        for (int i = 0; i < result.skipped().size(); i++) {
            skipped.record();
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        context.forward(DeadLetters.of(context, record, record.key(), record.value(), adapter.format(), reason),
                Names.SINK_RAW_DEAD_LETTERS);
        deadLettered.record();
    }
}
