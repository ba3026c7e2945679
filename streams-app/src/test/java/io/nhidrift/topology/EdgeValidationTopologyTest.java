package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.TopologyTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Out-of-range input through the production topology in a live run: records a broker would refuse or that would
 * corrupt state are dead-lettered with a reason that names the field, and the records after them are processed.
 */
@TopologyTest
class EdgeValidationTopologyTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private static final String WALL = "2026-12-01T14:16:31Z";
    private final DriftHarness live = new DriftHarness(Map.of(), TimeMode.LIVE);

    @AfterEach
    void close() {
        live.close();
    }

    private static String ct(String id, String key, String time) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAX\","
                + "\"arn\":\"arn:aws:iam::123456789012:user/exporter\",\"accountId\":\"123456789012\",\"accessKeyId\":\""
                + key + "\"},\"eventTime\":\"" + time + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.1.2.3\",\"userAgent\":\"aws-cli/2.13.5\",\"eventID\":\""
                + id + "\"}";
    }

    private static String reason(TestRecord<byte[], byte[]> r) {
        return DeadLetters.header(r.headers(), DeadLetters.REASON);
    }

    @Test
    void recordsStampedBefore1970OrBeyondTheFutureBoundAreDeadLetteredAndTheNextOneIsProcessed() {
        live.wallClock(WALL);
        List<String> poisoned = List.of(
                ct("e-1960", "AKIAPOISON0000000001", "1960-01-01T00:00:00Z"),
                ct("e-2099", "AKIAPOISON0000000002", "2099-01-01T00:00:00Z"),
                ct("e-180d", "AKIAPOISON0000000003", "2027-05-30T14:16:31Z"),
                ct("e-local", "AKIAPOISON0000000004", "2026-12-01 16:16:31"));
        poisoned.forEach(live::rawCloudTrail);
        live.rawCloudTrail(ct("e-good", "AKIAGOOD000000000001", "2026-12-01T14:10:00Z"));

        List<TestRecord<byte[], byte[]>> dlq = live.deadLetters();
        assertEquals(4, dlq.size(), "each poisoned record dead-lettered once");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(poisoned.get(i).getBytes(UTF_8), dlq.get(i).value(), "original bytes kept");
        }
        assertEquals("eventTime 1960-01-01T00:00:00Z is before 1970-01-01T00:00:00Z", reason(dlq.get(0)));
        assertEquals(java.time.Instant.parse(WALL).toEpochMilli(), dlq.get(0).timestamp(), "stamped when written");
        assertEquals("0", DeadLetters.header(dlq.get(0).headers(), DeadLetters.TIMESTAMP), "the original stamp");
        assertTrue(reason(dlq.get(1)).startsWith("eventTime 2099-01-01T00:00:00Z is more than 15m ahead of the wall clock "
                + WALL), reason(dlq.get(1)));
        assertTrue(reason(dlq.get(2)).contains("input.max-future-skew"), reason(dlq.get(2)));
        assertTrue(reason(dlq.get(3)).startsWith("eventTime 2026-12-01T16:16:31Z is more than 15m ahead"), reason(dlq.get(3)));
        assertEquals(List.of("UNKNOWN_CREDENTIAL"), live.types(), "only the good record reaches detection");
        assertEquals("AKIAGOOD000000000001", live.alerts().get(0).path("credentialId").asText());
    }

    @Test
    void aDeliveryFileWithOneBadEventForwardsTheOthersAndDeadLettersTheFileOnceWithWhichEvent() {
        live.wallClock(WALL);
        String file = "{\"Records\":[" + ct("a", "AKIAGOOD000000000001", "2026-12-01T14:00:00Z") + ","
                + ct("b", "AKIAPOISON0000000001", "0000-01-01T00:00:00Z") + ","
                + ct("c", "AKIAGOOD000000000002", "2026-12-01T14:01:00Z") + "]}";
        live.rawCloudTrail(file);
        List<TestRecord<byte[], byte[]>> dlq = live.deadLetters();
        assertEquals(1, dlq.size());
        assertEquals("event 2 of 3: eventTime 0000-01-01T00:00:00Z is before 1970-01-01T00:00:00Z (the other 2 events were"
                + " processed)", reason(dlq.get(0)));
        assertEquals(2, live.alerts("UNKNOWN_CREDENTIAL").size());
    }

    @Test
    void idsThatAreTooLongOrHoldControlCharactersAreDeadLettered() {
        live.wallClock(WALL);
        live.rawCloudTrail(ct("e1", "AKIA" + "X".repeat(2000), "2026-12-01T14:00:00Z"));
        live.rawCloudTrail(ct("e2", "AKIAEVIL\\u0000KEY0001", "2026-12-01T14:00:00Z"));
        List<TestRecord<byte[], byte[]>> dlq = live.deadLetters();
        assertEquals(List.of("credentialId is 2004 characters long; at most 1024 (input.max-id-length)",
                "credentialId contains the control character U+0000 at index 8"), dlq.stream().map(EdgeValidationTopologyTest::reason).toList());
        assertEquals(List.of(), live.types());
    }

    @Test
    void aHugeUserAgentIsTruncatedNotRefused() {
        live.wallClock(WALL);
        live.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:GetObject"));
        live.rawCloudTrail(ct("e1", KEY, "2026-12-01T14:00:00Z").replace("aws-cli/2.13.5", "Mozilla/5.0 " + "A".repeat(100_000)));
        assertEquals(List.of(), live.deadLetters());
        var human = live.alerts("HUMAN_USE");
        assertEquals(1, human.size(), live.types().toString());
        String evidence = human.get(0).path("evidence").toString();
        assertTrue(evidence.contains(EdgeRules.TRUNCATED), "the agent is kept, truncated");
        assertTrue(evidence.length() < 20_000, "not the 100 kB agent: " + evidence.length());
    }

    @Test
    void inventoryOutOfRangeIsDeadLetteredAndAFarExpiryMeansNever() {
        live.wallClock(WALL);
        live.driver().createInputTopic("nhi.inventory", new StringSerializer(), new ByteArraySerializer())
                .pipeInput("AKIAOLD0000000000001", ("{\"credentialId\":\"AKIAOLD0000000000001\",\"kind\":\"aws_access_key\","
                        + "\"grants\":[],\"asOf\":\"1960-01-01T00:00:00Z\"}").getBytes(UTF_8), 0L);
        live.inventory("{\"credentialId\":\"AKIAFUT0000000000001\",\"kind\":\"aws_access_key\",\"grants\":[],"
                + "\"asOf\":\"2099-01-01T00:00:00Z\"}");
        live.inventory("{\"credentialId\":\"AKIAPAT0000000000001\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:"
                + "x".repeat(5000) + "\"],\"asOf\":\"2026-07-01T00:00:00Z\"}");
        live.inventory("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:GetObject\"],"
                + "\"asOf\":\"2026-11-30T00:00:00Z\",\"expiresAt\":\"9999-12-31T23:59:59Z\"}");
        List<String> reasons = live.deadLetters().stream().map(EdgeValidationTopologyTest::reason).toList();
        assertEquals(List.of("asOf 1960-01-01T00:00:00Z is before 1970-01-01T00:00:00Z",
                "asOf 2099-01-01T00:00:00Z is more than 15m ahead of the wall clock 2026-12-01T14:16:31Z"
                        + " (input.max-future-skew): check the source's clock and time zone",
                "grants[0] is 5003 characters long; at most 1024 (input.max-id-length)"), reasons);
        double counted = live.driver().metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals("records-dead-lettered-inventory-total"))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
        assertEquals(3.0, counted, "dead-lettered inventory records are counted (metric)");
        live.use(KEY, "s3:GetObject", "2026-12-01T14:00:00Z");
        assertEquals(List.of(), live.types(), "the version with a 9999-12-31 expiry was accepted: the key is known");
        org.apache.kafka.streams.state.KeyValueStore<String, io.nhidrift.avro.Entitlement> store =
                live.driver().getKeyValueStore(Names.INVENTORY_STORE);
        assertNull(store.get(KEY).getExpiresAt(), "an expiry in or after the year 3000 is stored as none (never expires)");
    }

    @Test
    void replayAppliesNoWallClockBoundButStillTheAbsoluteRange() {
        try (DriftHarness replay = new DriftHarness()) {
            replay.rawCloudTrail(ct("e1", "AKIAFUTURE0000000001", "2099-01-01T00:00:00Z"));
            replay.rawCloudTrail(ct("e2", "AKIAFARFUTURE0000001", "3000-01-01T00:00:00Z"));
            assertEquals(List.of("eventTime 3000-01-01T00:00:00Z is in or after the year 3000"),
                    replay.deadLetters().stream().map(EdgeValidationTopologyTest::reason).toList());
            assertEquals(List.of("UNKNOWN_CREDENTIAL"), replay.types());
        }
    }
}
