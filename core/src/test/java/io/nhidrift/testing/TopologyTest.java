package io.nhidrift.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier "topology": Tests that run Kafka Streams code without a broker: TopologyTestDriver, replay, stores, the query server.
 * Run one tier alone with {@code ./mvnw verify -Dgroups=topology}; the README's test command runs every tier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("topology")
public @interface TopologyTest {}
