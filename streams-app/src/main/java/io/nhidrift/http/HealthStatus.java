package io.nhidrift.http;

import java.util.Map;

/**
 * What the service knows about its pipeline beyond the Kafka Streams state, for {@code GET /health}: whether a
 * stream thread failed recently (then DOWN, with the failure as reason) and how many records the exception
 * handlers dead-lettered, by handler.
 */
public record HealthStatus(boolean up, String reason, Map<String, Long> deadLettered) {

    public static final HealthStatus NOTHING_KNOWN = new HealthStatus(true, null, Map.of());
}
