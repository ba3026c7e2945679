package io.nhidrift.topology;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Raw records of one format in, normalized events (keyed by credential id, timestamped with event
 * time) out; what cannot be parsed goes to the dead-letter sink with its reason. Never throws on input.
 */
public final class NormalizeProcessor implements Processor<byte[], byte[], Object, Object> {

    private final LogAdapter adapter;
    private final boolean redactDeadLetters;
    private ProcessorContext<Object, Object> context;
    private NormalizeMetrics metrics;

    public NormalizeProcessor(LogAdapter adapter) {
        this(adapter, false);
    }

    /** {@code redactDeadLetters}: dead letters carry the redacted text of the record (dead-letters.redact). */
    public NormalizeProcessor(LogAdapter adapter, boolean redactDeadLetters) {
        this.adapter = adapter;
        this.redactDeadLetters = redactDeadLetters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.metrics = new NormalizeMetrics(context, adapter.format());
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
            context.forward(new Record<Object, Object>(event.getCredentialId(), event, event.getEventTime()), Names.SINK_EVENTS);
            metrics.normalized.record();
        }
        for (int i = 0; i < result.skipped().size(); i++) {
            metrics.skipped.record();
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        context.forward(DeadLetters.of(context, record, record.key(), record.value(), adapter.format(), reason, redactDeadLetters),
                Names.SINK_RAW_DEAD_LETTERS);
        metrics.deadLettered.record();
    }
}
