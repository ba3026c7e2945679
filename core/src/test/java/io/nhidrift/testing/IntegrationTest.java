package io.nhidrift.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier "integration": Tests against a real Kafka broker started by the test (single-node KRaft, in-process or a child JVM).
 * Run one tier alone with {@code ./mvnw verify -Dgroups=integration}; the README's test command runs every tier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {}
