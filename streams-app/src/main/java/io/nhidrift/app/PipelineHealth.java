package io.nhidrift.app;

import io.nhidrift.http.HealthStatus;
import io.nhidrift.topology.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers stream-thread failures and the exception handlers' dead letters for {@code /health}. A failed
 * thread is replaced (its state is restored from the changelog), and health stays DOWN, naming the failure,
 * until the instance has run {@code health.failure-window} without another one: a thread that fails again on
 * every attempt keeps the instance DOWN, a single transient failure does not keep it DOWN for ever.
 */
public final class PipelineHealth implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineHealth.class);

    private final Duration failureWindow;
    private final Clock clock;
    private final HandlerDeadLetters.Counts deadLetters = new HandlerDeadLetters.Counts();
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;
    private volatile long failures;

    public PipelineHealth(Duration failureWindow, Clock clock) {
        this.failureWindow = failureWindow;
        this.clock = clock;
    }

    /** Counter the exception handlers add to (passed to them by {@link StreamsProperties}). */
    public HandlerDeadLetters.Counts deadLetterCounts() {
        return deadLetters;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        failures++;
        lastFailureAt = clock.instant();
        lastFailure = "stream thread " + Thread.currentThread().getName() + " failed at " + lastFailureAt + ": "
                + DeadLetters.printable(String.valueOf(root));
        LOG.error("Stream thread failed ({} failures so far); replacing it (state is restored from the changelog)",
                failures, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public HealthStatus status() {
        Instant at = lastFailureAt;
        boolean recent = at != null && Duration.between(at, clock.instant()).compareTo(failureWindow) < 0;
        String handled = deadLetters.lastReason();
        String reason = recent ? lastFailure + " (" + failures + " thread failures; the thread was replaced; UP again after "
                + failureWindow.toSeconds() + " s without failure)" + (handled == null ? "" : "; last handled error: " + handled)
                : null;
        return new HealthStatus(!recent, reason, deadLetters.snapshot());
    }
}
