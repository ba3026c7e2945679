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
 * ({@link InvalidTimestampException}), too large ({@link RecordTooLargeException}) — or that cannot be
 * serialized: the source record is dead-lettered with the broker's reason and processing resumes. Retriable
 * errors are retried, anything else (authorization, a fenced producer) fails as by default. A record the
 * dead-letter topic itself refuses is dropped with an error log (and counted), never looped.
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
        if (!(exception instanceof InvalidTimestampException || exception instanceof RecordTooLargeException)) {
            return Response.fail();
        }
        String reason = "the broker refused a record for " + record.topic() + ": " + exception;
        boolean toDeadLetters = record.topic().equals(deadLetters.topic());
        return Response.resume(deadLetters.of(context, context.sourceRawKey(), toDeadLetters ? null : context.sourceRawValue(),
                reason));
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        String reason = "cannot serialize the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " of a record for "
                + record.topic() + ": " + exception;
        return Response.resume(deadLetters.of(context, context.sourceRawKey(), context.sourceRawValue(), reason));
    }
}
