package io.nhidrift.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class DeadLettersRedactConfigTest {

    @Test
    void offByDefaultOnWhenSetAndABadValueNamesKeyAndValue() {
        assertFalse(AppConfig.defaults().deadLettersRedacted());
        assertTrue(AppConfig.from(Map.of("dead-letters.redact", "true")).deadLettersRedacted());
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("dead-letters.redact", "yes")));
        assertEquals("invalid value 'yes' for key 'dead-letters.redact': expected true or false", e.getMessage());
    }
}
