package io.nhidrift.app;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record the source cannot deserialize (an {@code nhi.events} value that is not a known Avro schema, a key
 * that is not UTF-8) is dead-lettered with its bytes and the reason; processing resumes.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private HandlerDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = HandlerDeadLetters.from(configs, "deserialization");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = "cannot deserialize a record of " + record.topic() + ": " + exception;
        return Response.resume(deadLetters.of(context, record.key(), record.value(), reason));
    }
}
