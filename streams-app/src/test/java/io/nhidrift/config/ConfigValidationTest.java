package io.nhidrift.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every value is checked against its usable range at load, before anything touches a cluster. */
@UnitTest
class ConfigValidationTest {

    private static String error(Map<String, String> values) {
        return assertThrows(ConfigException.class, () -> AppConfig.from(values)).getMessage();
    }

    @Test
    void anUnknownInputFormatIsRefusedNamingIt() {
        String m = error(Map.of("inputs", "cloudtrail,nope"));
        assertTrue(m.contains("'inputs'") && m.contains("unknown input format 'nope'") && m.contains("gcp-audit"), m);
    }

    @Test
    void durationsBeyondTheirUsableRangeAreRefusedWithTheRange() {
        String m = error(Map.of("detect.idle.after", "999999999999d"));
        assertEquals("invalid value '999999999999d' for key 'detect.idle.after': expected a duration from 1ms to 3650d", m);
        String overflow = error(Map.of("detect.unused.window", "99999999999999999d"));
        assertTrue(overflow.contains("'detect.unused.window'") && overflow.contains("99999999999999999d"), overflow);
        assertTrue(error(Map.of("detect.punctuate.interval", "2d")).contains("10ms to 1d"));
        assertTrue(error(Map.of("commit.interval", "-5s")).contains("'commit.interval'"));
        assertTrue(error(Map.of("input.max-future-skew", "30d")).contains("from 0 to 7d"));
        assertEquals("invalid value '10ms' for key 'query.rank.refresh': expected a duration from 100ms to 1h",
                error(Map.of("query.rank.refresh", "10ms")));
        assertEquals("invalid value 'soon' for key 'query.rank.refresh': expected a duration such as 30d, 12h, 5m, 30s, 250ms"
                + " or PT10M", error(Map.of("query.rank.refresh", "soon")));
        assertEquals(Duration.ofSeconds(30), AppConfig.defaults().queryRankRefresh());
        assertEquals(Duration.ofSeconds(1), AppConfig.from(Map.of("query.rank.refresh", "1s")).queryRankRefresh());
    }

    @Test
    void sizesThatOverflowOrExceedATebibyteAreRefused() {
        assertTrue(error(Map.of("store.cache.bytes", "99999999999999g")).contains("'store.cache.bytes'"));
        assertTrue(error(Map.of("rocksdb.cache.bytes", "2048GiB")).contains("at most 1099511627776 bytes"));
    }

    @Test
    void topicNamesApplicationIdAndBootstrapServersMustBeUsableByKafka() {
        assertTrue(error(Map.of("topic.alerts", "alerts with spaces")).contains("'topic.alerts'"));
        assertTrue(error(Map.of("topic.raw.prefix", "raw/")).contains("'topic.raw.prefix'"));
        assertTrue(error(Map.of("topic.raw.cloudtrail", "x".repeat(250))).contains("'topic.raw.cloudtrail'"));
        assertTrue(error(Map.of("application.id", "nhi drift")).contains("'application.id'"));
        String m = error(Map.of("bootstrap.servers", "kafka:9092,kafka2"));
        assertTrue(m.contains("'bootstrap.servers'") && m.contains("entry 'kafka2'"), m);
        assertTrue(error(Map.of("bootstrap.servers", "kafka:99999")).contains("'bootstrap.servers'"));
        assertEquals("[::1]:9092", AppConfig.from(Map.of("bootstrap.servers", "[::1]:9092")).bootstrapServers());
    }

    @Test
    void retentionIsADurationOrForever() {
        AppConfig c = AppConfig.from(Map.of("topics.retention.alerts", "forever", "topics.retention.events", "7d"));
        assertEquals(-1L, c.retentionMs(ConfigKey.RETENTION_ALERTS));
        assertEquals(Duration.ofDays(7).toMillis(), c.retentionMs(ConfigKey.RETENTION_EVENTS));
        assertEquals(Duration.ofDays(365).toMillis(), AppConfig.defaults().retentionMs(ConfigKey.RETENTION_ALERTS));
        assertTrue(error(Map.of("topics.retention.dead-letters", "10m")).contains("1h to 3650d"));
    }

    @Test
    void edgeStartupAndHealthDefaults() {
        AppConfig c = AppConfig.defaults();
        assertEquals(new InputLimits(Duration.ofMinutes(15), 1024, 4096), c.inputLimits());
        assertEquals(Duration.ofSeconds(30), c.startupTimeout());
        assertEquals(Duration.ofMinutes(5), c.healthFailureWindow());
        assertTrue(error(Map.of("startup.timeout", "0s")).contains("'startup.timeout'"));
        assertTrue(error(Map.of("input.max-id-length", "8")).contains("from 16 to 65536"));
    }
}
