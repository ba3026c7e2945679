package io.nhidrift.app;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An exception thrown by a processor (a bug the edge checks did not catch) dead-letters the source record with
 * the exception as reason, and processing resumes with the next record instead of the stream thread dying and
 * failing again on the same record. Errors ({@link OutOfMemoryError}, ...) are not exceptions: they still end
 * the thread, and {@code /health} reports it.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private HandlerDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = HandlerDeadLetters.from(configs, "processing");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = "processing failed in " + context.processorNodeId() + ": " + exception;
        return Response.resume(deadLetters.of(context, context.sourceRawKey(), context.sourceRawValue(), reason));
    }
}
