package io.nhidrift.topology;

import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Raw records of one format in, normalized events (keyed by credential id, timestamped with event
 * time) out; what cannot be parsed, and events that break the {@link EdgeRules} (time out of range, an id too
 * long or with control characters), go to the dead-letter sink with the reason and the raw record's bytes.
 * The normalization itself is {@link RecordNormalizer} (shared with {@code replay}). Never throws on input.
 */
public final class NormalizeProcessor implements Processor<byte[], byte[], Object, Object> {

    private final RecordNormalizer normalizer;
    private final String format;
    private final boolean redactDeadLetters;
    private ProcessorContext<Object, Object> context;
    private NormalizeMetrics metrics;

    public NormalizeProcessor(LogAdapter adapter, EdgeRules rules) {
        this(adapter, rules, false);
    }

    /** {@code redactDeadLetters}: dead letters carry the redacted text of the record (dead-letters.redact). */
    public NormalizeProcessor(LogAdapter adapter, EdgeRules rules, boolean redactDeadLetters) {
        this.normalizer = new RecordNormalizer(adapter, rules);
        this.format = adapter.format();
        this.redactDeadLetters = redactDeadLetters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.metrics = new NormalizeMetrics(context, format);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordNormalizer.Outcome outcome = normalizer.normalize(record.value(), context.currentSystemTimeMs());
        for (UsageEvent event : outcome.events()) {
            context.forward(new Record<Object, Object>(event.getCredentialId(), event, event.getEventTime()), Names.SINK_EVENTS);
            metrics.normalized.record();
        }
        if (outcome.rejection() != null) {
            context.forward(DeadLetters.of(context, record, record.key(), record.value(), format, outcome.rejection(),
                    redactDeadLetters), Names.SINK_RAW_DEAD_LETTERS);
            metrics.deadLettered.record();
        }
        for (SkipReason reason : outcome.skipped()) {
            if (outcome.looksLike() != null) {
                metrics.skippedAsWrongFormat(outcome.looksLike());
            } else {
                metrics.skipped(reason);
            }
        }
    }
}
