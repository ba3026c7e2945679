package io.nhidrift.config;

import java.time.Duration;

/**
 * What an input record may carry before it reaches a record timestamp, a state key, a store or a topic
 * (keys {@code input.max-future-skew}, {@code input.max-id-length}, {@code input.max-field-length}).
 *
 * @param maxFutureSkew live runs: how far ahead of the wall clock a record's time may be
 * @param maxIdLength longest credential id, action, event id or grant pattern
 * @param maxFieldLength longest free-text field; longer ones are truncated
 */
public record InputLimits(Duration maxFutureSkew, int maxIdLength, int maxFieldLength) {

    public static InputLimits defaults() {
        return AppConfig.defaults().inputLimits();
    }
}
