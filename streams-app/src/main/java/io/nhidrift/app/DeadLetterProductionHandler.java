package io.nhidrift.app;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * A record the broker refuses for what it is — a timestamp out of the topic's bounds
 * ({@link InvalidTimestampException}), too large ({@link RecordTooLargeException}), or refused with such a record
 * in its batch — cannot be skipped safely: the other records of the refused batch are valid (dropping them loses
 * alerts), and under exactly-once the transaction holding the send cannot commit. So processing fails, with an
 * error log naming the topic, the broker's reason and the source record (topic, partition, offset); the reason
 * is kept for {@code /health}, which answers DOWN while the replaced thread fails on it again, until the operator
 * fixes the topic (e.g. {@code message.timestamp.type=LogAppendTime}) or the input. The failing record is not
 * written to the dead-letter topic: this callback runs on the producer's network thread, where a send to a topic
 * the producer has no metadata for yet blocks that very thread for {@code max.block.ms}.
 *
 * <p>Retriable errors are retried. A record that cannot be serialized is dead-lettered (that call runs on the stream
 * thread) and processing resumes. The edge checks ({@code EdgeRules}) and the LogAppendTime topics are what keep
 * refused produces from happening; this handler makes the rare remaining case visible and actionable.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private HandlerDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = HandlerDeadLetters.from(configs, "production");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof InvalidTimestampException || exception instanceof RecordTooLargeException) {
            deadLetters.of(context, context.sourceRawKey(), null, "the broker refused a record for " + record.topic() + ": "
                    + exception + "; processing stops until the topic's settings or the input are fixed");
        }
        return Response.fail();
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        String reason = "cannot serialize the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " of a record for "
                + record.topic() + ": " + exception;
        return Response.resume(deadLetters.of(context, context.sourceRawKey(), context.sourceRawValue(), reason));
    }
}
