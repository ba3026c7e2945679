package io.nhidrift.topology;

import io.nhidrift.adapter.RedactedRecord;
import io.nhidrift.adapter.RejectionReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead-letter records keep the original key and bytes as they were; why and where they came from (and the
 * original record timestamp) travel in headers (the Kafka Connect convention), so the record can be replayed
 * after a fix. A dead letter is stamped with the time it is written: the original stamp may be what was wrong.
 * The original bytes may hold secrets: with {@code dead-letters.redact=true} the value is the record's redacted
 * text instead (header {@code nhi.dlq.redacted: true}). The reason header is always redacted and escaped.
 */
public final class DeadLetters {

    public static final String REASON = "nhi.dlq.reason";
    public static final String FORMAT = "nhi.dlq.format";
    public static final String TOPIC = "nhi.dlq.topic";
    public static final String PARTITION = "nhi.dlq.partition";
    public static final String OFFSET = "nhi.dlq.offset";
    public static final String REDACTED = "nhi.dlq.redacted";
    /** The original record's timestamp (epoch ms): the dead letter itself is stamped when written, which any broker accepts. */
    public static final String TIMESTAMP = "nhi.dlq.timestamp";
    static final int MAX_REASON_LENGTH = 2000;

    private DeadLetters() {}

    public static Record<Object, Object> of(ProcessorContext<?, ?> context, Record<?, ?> original, byte[] key, byte[] value,
            String format, String reason) {
        return of(context, original, key, value, format, reason, false);
    }

    /** {@code redactValue}: the value is {@link RedactedRecord#of the redacted text} of the record, not its bytes. */
    public static Record<Object, Object> of(ProcessorContext<?, ?> context, Record<?, ?> original, byte[] key, byte[] value,
            String format, String reason, boolean redactValue) {
        Headers h = new RecordHeaders();
        put(h, REASON, RejectionReason.of(reason));
        if (redactValue) {
            put(h, REDACTED, "true");
        }
        put(h, FORMAT, format);
        RecordMetadata md = context.recordMetadata().orElse(null);
        if (md != null) {
            put(h, TOPIC, md.topic());
            put(h, PARTITION, Integer.toString(md.partition()));
            put(h, OFFSET, Long.toString(md.offset()));
        }
        put(h, TIMESTAMP, Long.toString(original.timestamp()));
        return new Record<>(key, redactValue ? RedactedRecord.of(value) : value, context.currentSystemTimeMs(), h);
    }

    /**
     * A reason or id fit for a header or a log line: control characters shown as {@code \\uXXXX}, at most
     * {@value #MAX_REASON_LENGTH} characters (reasons may quote input).
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_REASON_LENGTH) + 16);
        for (int i = 0; i < text.length() && b.length() < MAX_REASON_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_REASON_LENGTH && text.length() > MAX_REASON_LENGTH) {
            b.setLength(MAX_REASON_LENGTH);
            b.append("…");
        }
        return b.toString();
    }

    public static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
