package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.testing.TopologyTest;
import io.nhidrift.triage.AlertFilter;
import io.nhidrift.triage.AlertPage;
import io.nhidrift.triage.AlertPosition;
import io.nhidrift.triage.AlertRecord;
import io.nhidrift.triage.AlertScan;
import io.nhidrift.triage.AlertStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alert store and triage through the production topology: every alert is recorded with its status, a suppression
 * from nhi.triage keeps its type quiet for its credential until it expires (event time) while the silenced alerts are
 * still recorded, decisions change status and history, bad decisions are dead letters, and retention evicts by event time.
 */
@TopologyTest
class AlertStoreTopologyTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private static final String OTHER = "AKIAEXAMPLEKEY000002";
    private static final String OOS = "OUT_OF_SCOPE_USE";

    private final DriftHarness h = new DriftHarness(Map.of("alerts.retention", "30d"));
    private final TestInputTopic<String, byte[]> triage = h.driver().createInputTopic("nhi.triage", new StringSerializer(),
            new ByteArraySerializer());
    private final KeyValueStore<Bytes, byte[]> store = h.driver().getKeyValueStore(Names.ALERT_STORE);

    @AfterEach
    void close() {
        h.close();
    }

    private void decide(String key, String json) {
        triage.pipeInput(key, json.getBytes(UTF_8));
    }

    private static String suppress(String credential, String type, String expiresAt) {
        return "{\"credentialId\":\"" + credential + "\",\"alertType\":\"" + type + "\",\"action\":\"suppress\",\"by\":\"alice\","
                + "\"reason\":\"pen test\",\"at\":\"2026-11-02T12:00:00Z\",\"expiresAt\":\"" + expiresAt + "\"}";
    }

    private List<AlertRecord> stored(AlertFilter filter) {
        return AlertScan.newestFirst(store, filter, null, 1000, AlertScan.DEFAULT_BUDGET).items();
    }

    private static AlertFilter ofType(String type) {
        return new AlertFilter(null, type, null, null, null, null, null);
    }

    @Test
    void aSuppressionSilencesItsTypeForItsCredentialUntilExpiryInEventTimeAndTheSilencedAlertsAreStillRecorded() {
        h.inventory(entitlement(KEY, "2026-11-01T00:00:00Z", "s3:GetObject"));
        h.inventory(entitlement(OTHER, "2026-11-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "iam:CreateUser", "2026-11-02T10:00:00Z");
        decide("suppress/" + OOS + "/" + KEY, suppress(KEY, OOS, "2026-11-05T00:00:00Z"));
        h.use(KEY, "iam:DeleteUser", "2026-11-03T00:00:00Z");                // suppressed
        h.use(OTHER, "iam:DeleteUser", "2026-11-03T00:00:01Z");              // other credential: alerts
        h.event(h.call(KEY, "s3:GetObject", "2026-11-03T00:00:02Z")         // other type: alerts
                .setUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36").build());
        h.use(KEY, "iam:PutUserPolicy", "2026-11-05T00:00:00Z");             // at expiresAt: expired, alerts

        List<String> sent = h.alerts().stream().map(a -> a.get("type").asText() + " " + a.get("credentialId").asText() + " "
                + a.get("subject").asText()).toList();
        assertEquals(List.of(OOS + " " + KEY + " iam:CreateUser", OOS + " " + OTHER + " iam:DeleteUser",
                "HUMAN_USE " + KEY + " mozilla", OOS + " " + KEY + " iam:PutUserPolicy"), sent);

        List<AlertRecord> keyAlerts = stored(new AlertFilter(KEY, OOS, null, null, null, null, null));
        assertEquals(3, keyAlerts.size(), "the suppressed alert is recorded too");
        AlertRecord silenced = keyAlerts.get(1);
        assertEquals("2026-11-03T00:00:00Z", silenced.row().get("eventTime").asText());
        assertEquals(AlertStatus.SUPPRESSED, silenced.status());
        JsonNode entry = silenced.row().get("triage").get(0);
        assertEquals("suppress", entry.get("action").asText());
        assertEquals("alice", entry.get("by").asText());
        assertEquals("pen test", entry.get("reason").asText());
        assertEquals("2026-11-05T00:00:00Z", entry.get("expiresAt").asText());
        assertEquals(AlertStatus.OPEN, keyAlerts.get(0).status());
        assertEquals(AlertStatus.OPEN, keyAlerts.get(2).status());
        assertTrue(h.alerts().stream().noneMatch(a -> a.get("alertId").asText().equals(silenced.alertId())),
                "the suppressed alert is not on the alert topic");
    }

    @Test
    void acknowledgeAndResolveChangeTheStatusAndAppendToTheHistory() {
        h.inventory(entitlement(KEY, "2026-11-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "iam:CreateUser", "2026-11-02T10:00:00Z");
        String id = h.alerts().get(0).get("alertId").asText();
        decide("alert/" + id, "{\"credentialId\":\"" + KEY + "\",\"alertId\":\"" + id + "\",\"action\":\"acknowledge\","
                + "\"by\":\"bob\",\"at\":\"2026-11-02T11:00:00Z\"}");
        assertEquals(AlertStatus.ACKNOWLEDGED, AlertScan.find(store, id).status());
        decide("alert/" + id, "{\"credentialId\":\"" + KEY + "\",\"alertId\":\"" + id + "\",\"action\":\"resolve\","
                + "\"by\":\"carol\",\"reason\":\"key rotated\",\"at\":\"2026-11-02T12:00:00Z\"}");
        AlertRecord r = AlertScan.find(store, id);
        assertEquals(AlertStatus.RESOLVED, r.status());
        JsonNode history = r.row().get("triage");
        assertEquals(2, history.size());
        assertEquals("acknowledge bob 2026-11-02T11:00:00Z", history.get(0).get("action").asText() + " "
                + history.get(0).get("by").asText() + " " + history.get(0).get("at").asText());
        assertEquals("resolve carol key rotated", history.get(1).get("action").asText() + " " + history.get(1).get("by").asText()
                + " " + history.get(1).get("reason").asText());
        assertEquals(List.of(), h.deadLetters());
        // a suppression named by alert id takes the alert's type and suppresses that type
        decide("alert/" + id, "{\"credentialId\":\"" + KEY + "\",\"alertId\":\"" + id + "\",\"action\":\"suppress\",\"by\":\"dan\","
                + "\"reason\":\"known job\",\"at\":\"2026-11-02T13:00:00Z\",\"expiresAt\":\"2026-12-01T00:00:00Z\"}");
        assertEquals(AlertStatus.SUPPRESSED, AlertScan.find(store, id).status());
        h.use(KEY, "iam:DeleteUser", "2026-11-03T00:00:00Z");
        assertEquals(1, h.alerts(OOS).size(), "suppressed through the alert's type");
        assertEquals(AlertStatus.SUPPRESSED, stored(ofType(OOS)).get(0).status());
        assertEquals(List.of(), h.deadLetters());
    }

    @Test
    void malformedOrInapplicableDecisionsAreDeadLettersWithTheReasonAndTheOriginalBytes() {
        h.inventory(entitlement(KEY, "2026-11-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "iam:CreateUser", "2026-11-02T10:00:00Z");
        String id = h.alerts().get(0).get("alertId").asText();
        String valid = suppress(KEY, OOS, "2026-11-05T00:00:00Z");
        decide("x", "{not json");
        decide(KEY, valid);                                                      // keyed by credential: compaction would lose it
        decide("alert/0000", "{\"credentialId\":\"" + KEY + "\",\"alertId\":\"0000\",\"action\":\"resolve\",\"by\":\"b\","
                + "\"at\":\"2026-11-02T11:00:00Z\"}");                              // no such alert
        decide("alert/" + id, "{\"credentialId\":\"" + OTHER + "\",\"alertId\":\"" + id + "\",\"action\":\"resolve\",\"by\":\"b\","
                + "\"at\":\"2026-11-02T11:00:00Z\"}");                              // another credential's alert
        List<TestRecord<byte[], byte[]>> dlq = h.deadLetters();
        assertEquals(4, dlq.size());
        assertArrayEquals("{not json".getBytes(UTF_8), dlq.get(0).value(), "original bytes");
        assertArrayEquals(valid.getBytes(UTF_8), dlq.get(1).value());
        assertEquals("triage", DeadLetters.header(dlq.get(0).headers(), DeadLetters.FORMAT));
        assertTrue(reason(dlq.get(0)).startsWith("not JSON"), reason(dlq.get(0)));
        assertEquals("record key '" + KEY + "' is not the decision's key 'suppress/" + OOS + "/" + KEY
                + "' (compaction keeps the latest record per key)", reason(dlq.get(1)));
        assertTrue(reason(dlq.get(2)).startsWith("no alert '0000' of credential '" + KEY + "' in the alert store"), reason(dlq.get(2)));
        assertEquals("alert '" + id + "' belongs to credential '" + KEY + "', not to '" + OTHER + "'", reason(dlq.get(3)));
        assertEquals(AlertStatus.OPEN, AlertScan.find(store, id).status(), "nothing applied");
        h.use(KEY, "iam:DeleteUser", "2026-11-03T00:00:00Z");
        assertEquals(2, h.alerts(OOS).size(), "the mis-keyed suppression was not applied");
    }

    private static String reason(TestRecord<byte[], byte[]> r) {
        return DeadLetters.header(r.headers(), DeadLetters.REASON);
    }

    @Test
    void retentionEvictsAlertsOlderThanTheNewestByTheRetentionAndExpiredSuppressionsOnTheWallClockPunctuation() {
        h.inventory(entitlement(KEY, "2026-08-01T00:00:00Z", "s3:GetObject"));
        h.use(KEY, "iam:CreateUser", "2026-09-01T00:00:00Z");
        decide("suppress/HUMAN_USE/" + KEY, "{\"credentialId\":\"" + KEY + "\",\"alertType\":\"HUMAN_USE\",\"action\":\"suppress\","
                + "\"by\":\"a\",\"reason\":\"r\",\"at\":\"2026-09-01T00:00:00Z\",\"expiresAt\":\"2026-09-10T00:00:00Z\"}");
        h.use(KEY, "iam:DeleteUser", "2026-10-15T00:00:00Z");
        h.use(KEY, "iam:PutUserPolicy", "2026-11-02T00:00:00Z");
        List<AlertRecord> before = stored(new AlertFilter(KEY, OOS, null, null, null, null, null));
        assertEquals(3, before.size());
        String oldest = before.get(2).alertId();
        assertNotNull(AlertScan.suppression(store, KEY, "HUMAN_USE"));

        h.wallClock("1970-01-01T00:01:00Z"); // the punctuation: cutoff = newest alert (2026-11-02) - 30d = 2026-10-03

        List<AlertRecord> after = stored(new AlertFilter(KEY, OOS, null, null, null, null, null));
        assertEquals(before.subList(0, 2).stream().map(AlertRecord::alertId).toList(), after.stream().map(AlertRecord::alertId).toList());
        assertNull(AlertScan.find(store, oldest), "the alert itself is gone, not only its index entries");
        assertTrue(stored(AlertFilter.ANY).stream().allMatch(r -> r.eventTimeMs() >= java.time.Instant.parse("2026-10-03T00:00:00Z")
                .toEpochMilli()), "every alert older than the cutoff is evicted, whatever its type");
        assertNull(AlertScan.suppression(store, KEY, "HUMAN_USE"), "a suppression that expired before the cutoff is gone");
    }

    @Test
    void pagingWithATinyScanBudgetVisitsEveryAlertOnceNewestFirst() {
        h.inventory(entitlement(KEY, "2026-11-01T00:00:00Z", "s3:GetObject"));
        h.inventory(entitlement(OTHER, "2026-11-01T00:00:00Z", "s3:GetObject"));
        for (int i = 0; i < 7; i++) {
            h.use(i % 2 == 0 ? KEY : OTHER, "iam:Action" + i, "2026-11-02T10:00:0" + i + "Z");
        }
        List<AlertRecord> all = stored(AlertFilter.ANY);
        assertEquals(7, all.size());
        List<String> paged = new ArrayList<>();
        AlertPosition cursor = null;
        AlertFilter onlyKey = new AlertFilter(null, null, null, null, null, null, "team-a");
        for (int pages = 0; pages < 50; pages++) {
            AlertPage<AlertRecord> p = AlertScan.newestFirst(store, onlyKey, cursor, 2, 1);
            p.items().forEach(r -> paged.add(r.alertId()));
            cursor = p.coveredTo();
            if (cursor == null) {
                break;
            }
        }
        assertEquals(all.stream().map(AlertRecord::alertId).toList(), paged, "same order, nothing twice, nothing missed");
        assertEquals(7, new HashSet<>(paged).size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).eventTimeMs() >= all.get(i).eventTimeMs(), "newest first");
        }
    }
}
