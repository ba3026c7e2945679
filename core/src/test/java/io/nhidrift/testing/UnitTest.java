package io.nhidrift.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier "unit": Fast, in-memory tests of one class or a few: adapters, matchers, detectors, config. No Kafka.
 * Run one tier alone with {@code ./mvnw verify -Dgroups=unit}; the README's test command runs every tier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unit")
public @interface UnitTest {}
