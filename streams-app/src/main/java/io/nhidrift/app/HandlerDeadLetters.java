package io.nhidrift.app;

import io.nhidrift.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters written by the Kafka Streams exception handlers (the last line of defence, after the edge
 * checks): the original key and bytes of the source record, the reason and origin in the same headers as the
 * topology's own dead letters, and a count per handler that {@code /health} reports. No record timestamp is set:
 * the producer stamps the time of writing, which every broker accepts.
 *
 * <p>Kafka Streams creates the handlers by reflection; {@link StreamsProperties} passes the dead-letter topic
 * and this instance's counter under {@link #TOPIC_KEY} and {@link #COUNTS_KEY}.
 */
public final class HandlerDeadLetters {

    static final String TOPIC_KEY = "nhidrift.dead-letters.topic";
    static final String COUNTS_KEY = "nhidrift.dead-letters.counts";
    private static final Logger LOG = LoggerFactory.getLogger(HandlerDeadLetters.class);

    /** Counts of the errors each handler handled (dead-lettered, or reported when there was nothing to keep). */
    public static final class Counts {
        private final Map<String, AtomicLong> byHandler = new ConcurrentHashMap<>();
        private volatile String lastReason;

        void add(String handler, String reason) {
            byHandler.computeIfAbsent(handler, h -> new AtomicLong()).incrementAndGet();
            lastReason = handler + ": " + reason;
        }

        /** The reason of the latest handled error, or null. */
        public String lastReason() {
            return lastReason;
        }

        public Map<String, Long> snapshot() {
            Map<String, Long> m = new java.util.TreeMap<>();
            byHandler.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }
    }

    private final String topic;
    private final Counts counts;
    private final String handler;

    private HandlerDeadLetters(String topic, Counts counts, String handler) {
        this.topic = topic;
        this.counts = counts;
        this.handler = handler;
    }

    static HandlerDeadLetters from(Map<String, ?> configs, String handler) {
        Object topic = configs.get(TOPIC_KEY);
        Object counts = configs.get(COUNTS_KEY);
        return new HandlerDeadLetters(topic == null ? null : topic.toString(),
                counts instanceof Counts c ? c : new Counts(), handler);
    }

    String topic() {
        return topic;
    }

    /** The dead letter of the source record of {@code context} (none when it has no bytes, e.g. in a punctuation). */
    java.util.List<ProducerRecord<byte[], byte[]>> of(ErrorHandlerContext context, byte[] key, byte[] value, String reason) {
        String printable = DeadLetters.printable(reason);
        counts.add(handler, printable);
        if (topic == null || value == null) {
            LOG.error("{}: {} (task {}, {}-{}@{}); not written to the dead-letter topic", handler, printable, context.taskId(),
                    context.topic(), context.partition(), context.offset());
            return java.util.List.of();
        }
        LOG.error("{}: {} (task {}, {}-{}@{}); the record goes to {}", handler, printable, context.taskId(),
                context.topic(), context.partition(), context.offset(), topic);
        RecordHeaders h = new RecordHeaders();
        h.add(DeadLetters.REASON, printable.getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetters.FORMAT, (handler + (context.processorNodeId() == null ? "" : ":" + context.processorNodeId()))
                .getBytes(StandardCharsets.UTF_8));
        if (context.topic() != null) {
            h.add(DeadLetters.TOPIC, context.topic().getBytes(StandardCharsets.UTF_8));
            h.add(DeadLetters.PARTITION, Integer.toString(context.partition()).getBytes(StandardCharsets.UTF_8));
            h.add(DeadLetters.OFFSET, Long.toString(context.offset()).getBytes(StandardCharsets.UTF_8));
        }
        return java.util.List.of(new ProducerRecord<>(topic, null, null, key, value, h));
    }
}
