package io.nhidrift.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.AppConfig;
import io.nhidrift.testing.UnitTest;
import io.nhidrift.topology.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The exception handlers dead-letter the source record with the reason and resume; health remembers thread failures. */
@UnitTest
class ExceptionHandlersTest {

    private static final byte[] RAW = "{\"eventTime\":\"raw\"}".getBytes(UTF_8);
    private final PipelineHealth health = new PipelineHealth(Duration.ofMinutes(5), Clock.systemUTC());
    private final Properties props = StreamsProperties.of(AppConfig.defaults(), health.deadLetterCounts());

    @SuppressWarnings("unchecked")
    private Map<String, Object> configs() {
        return (Map<String, Object>) (Map<?, ?>) props;
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() { return "nhi.raw.cloudtrail"; }
            public int partition() { return 3; }
            public long offset() { return 42; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "normalize-cloudtrail"; }
            public TaskId taskId() { return new TaskId(0, 3); }
            public long timestamp() { return -1; }
            public byte[] sourceRawKey() { return "k".getBytes(UTF_8); }
            public byte[] sourceRawValue() { return RAW; }
        };
    }

    @Test
    void aProcessingExceptionDeadLettersTheSourceBytesWithTheExceptionAndResumes() {
        DeadLetterProcessingHandler h = new DeadLetterProcessingHandler();
        h.configure(configs());
        ProcessingExceptionHandler.Response r = h.handleError(context(), new Record<>("k", "v", 0L),
                new IllegalStateException("boom"));
        assertEquals(ProcessingExceptionHandler.Result.RESUME, r.result());
        assertEquals(1, r.deadLetterQueueRecords().size());
        ProducerRecord<byte[], byte[]> dl = r.deadLetterQueueRecords().get(0);
        assertEquals("nhi.dead-letters", dl.topic());
        assertArrayEquals(RAW, dl.value());
        assertNull(dl.timestamp(), "stamped by the producer at write time, never refused");
        assertEquals("processing failed in normalize-cloudtrail: java.lang.IllegalStateException: boom",
                DeadLetters.header(dl.headers(), DeadLetters.REASON));
        assertEquals("nhi.raw.cloudtrail", DeadLetters.header(dl.headers(), DeadLetters.TOPIC));
        assertEquals("42", DeadLetters.header(dl.headers(), DeadLetters.OFFSET));
        assertEquals(Map.of("processing", 1L), health.status().deadLettered());
    }

    @Test
    void anUndeserializableRecordIsDeadLetteredAndProcessingResumes() {
        DeadLetterDeserializationHandler h = new DeadLetterDeserializationHandler();
        h.configure(configs());
        var r = h.handleError(context(), new ConsumerRecord<>("nhi.events", 1, 7, null, RAW), new RuntimeException("bad avro"));
        assertArrayEquals(RAW, r.deadLetterQueueRecords().get(0).value());
        assertTrue(DeadLetters.header(r.deadLetterQueueRecords().get(0).headers(), DeadLetters.REASON).contains("bad avro"));
        assertEquals(Map.of("deserialization", 1L), health.status().deadLettered());
    }

    @Test
    void aRefusedRecordFailsWithItsReasonKeptRetriableErrorsRetryAndUnserializableRecordsAreDeadLettered() {
        DeadLetterProductionHandler h = new DeadLetterProductionHandler();
        h.configure(configs());
        ProducerRecord<byte[], byte[]> alert = new ProducerRecord<>("nhi.alerts.json", new byte[1]);
        var refused = h.handleError(context(), alert, new InvalidTimestampException("Timestamp 4070908800000 is out of range"));
        assertEquals(ProductionExceptionHandler.Result.FAIL, refused.result(), "batch-mates are valid: never drop");
        assertEquals(Map.of("production", 1L), health.status().deadLettered());
        health.handle(new RuntimeException("sending failed"));
        assertTrue(health.status().reason().contains("the broker refused a record for nhi.alerts.json: "
                + "org.apache.kafka.common.errors.InvalidTimestampException"), health.status().reason());
        assertEquals(ProductionExceptionHandler.Result.RETRY,
                h.handleError(context(), alert, new NotEnoughReplicasException("x")).result());
        assertEquals(ProductionExceptionHandler.Result.FAIL,
                h.handleError(context(), alert, new TopicAuthorizationException("no")).result());
        var unserializable = h.handleSerializationError(context(), alert, new RuntimeException("no schema"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertEquals(ProductionExceptionHandler.Result.RESUME, unserializable.result());
        assertArrayEquals(RAW, unserializable.deadLetterQueueRecords().get(0).value());
    }

    @Test
    void aThreadFailureMakesHealthDownWithTheCauseUntilTheWindowPassesWithoutAnother() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
        PipelineHealth h = new PipelineHealth(Duration.ofMinutes(5), clock);
        assertTrue(h.status().up());
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD,
                h.handle(new RuntimeException("wrapper", new IllegalStateException("disk full"))));
        assertFalse(h.status().up());
        assertTrue(h.status().reason().contains("java.lang.IllegalStateException: disk full"), h.status().reason());
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertFalse(h.status().up(), "still within the window");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertTrue(h.status().up(), "5 min without another failure");
        assertNull(h.status().reason());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
