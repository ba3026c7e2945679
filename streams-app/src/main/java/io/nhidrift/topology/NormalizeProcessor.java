package io.nhidrift.topology;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.FormatFingerprint;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.SkipReason;
import io.nhidrift.avro.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Raw records of one format in, normalized events (keyed by credential id, timestamped with event
 * time) out; what cannot be parsed, and events that break the {@link EdgeRules} (time out of range, an id too
 * long or with control characters), go to the dead-letter sink with the reason and the raw record's bytes.
 * Never throws on input.
 */
public final class NormalizeProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final int MAX_REASONS = 3;

    private final LogAdapter adapter;
    private final EdgeRules rules;
    private final boolean redactDeadLetters;
    private ProcessorContext<Object, Object> context;
    private NormalizeMetrics metrics;

    public NormalizeProcessor(LogAdapter adapter, EdgeRules rules) {
        this(adapter, rules, false);
    }

    /** {@code redactDeadLetters}: dead letters carry the redacted text of the record (dead-letters.redact). */
    public NormalizeProcessor(LogAdapter adapter, EdgeRules rules, boolean redactDeadLetters) {
        this.adapter = adapter;
        this.rules = rules;
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
            deadLetter(record, withWrongFormat(e.getMessage(), record.value()));
            return;
        } catch (RuntimeException e) {
            deadLetter(record, "adapter failure: " + e);
            return;
        }
        long wallClock = context.currentSystemTimeMs();
        List<String> refused = new ArrayList<>();
        int n = result.events().size();
        for (int i = 0; i < n; i++) {
            UsageEvent event = result.events().get(i);
            String problem = rules.checkEvent(event, wallClock);
            if (problem != null) {
                refused.add(n == 1 ? problem : "event " + (i + 1) + " of " + n + ": " + problem);
                continue;
            }
            context.forward(new Record<Object, Object>(event.getCredentialId(), event, event.getEventTime()), Names.SINK_EVENTS);
            metrics.normalized.record();
        }
        if (!refused.isEmpty()) {
            deadLetter(record, reason(refused, n));
        }
        countSkipped(result, record.value());
    }

    /**
     * Each skipped part counted under its {@link SkipReason}; a record that yielded nothing but skips and looks like
     * another format counts under {@link SkipReason#WRONG_FORMAT} (only such records are fingerprinted).
     */
    private void countSkipped(ParseResult result, byte[] raw) {
        List<String> skipped = result.skipped();
        if (skipped.isEmpty()) {
            return;
        }
        String wrongFormat = result.events().isEmpty() ? FormatFingerprint.wrongFormat(raw, adapter.format()) : null;
        for (String reason : skipped) {
            if (wrongFormat != null) {
                metrics.skippedAsWrongFormat(FormatFingerprint.looksLike(wrongFormat));
            } else {
                metrics.skipped(SkipReason.classify(reason));
            }
        }
    }

    /** A rejection reason, with {@code (looks like <Y>, not <X>)} when the record looks like another format. */
    private String withWrongFormat(String reason, byte[] raw) {
        String wrongFormat = FormatFingerprint.wrongFormat(raw, adapter.format());
        return wrongFormat == null ? reason : reason + " (" + wrongFormat + ")";
    }

    /** One dead letter per raw record: what was refused; the other events of the record went on (said so). */
    private static String reason(List<String> refused, int events) {
        String shown = String.join("; ", refused.subList(0, Math.min(MAX_REASONS, refused.size())));
        String more = refused.size() > MAX_REASONS ? "; and " + (refused.size() - MAX_REASONS) + " more" : "";
        String rest = refused.size() < events ? " (the other " + (events - refused.size()) + " events were processed)" : "";
        return shown + more + rest;
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        context.forward(DeadLetters.of(context, record, record.key(), record.value(), adapter.format(), reason, redactDeadLetters),
                Names.SINK_RAW_DEAD_LETTERS);
        metrics.deadLettered.record();
    }
}
