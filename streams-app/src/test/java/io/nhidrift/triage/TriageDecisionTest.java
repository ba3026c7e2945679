package io.nhidrift.triage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.time.Instant;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Parsing and validating triage decisions (the value of a nhi.triage record), their topic key and partition. */
@UnitTest
class TriageDecisionTest {

    private static final String SUPPRESS = """
            {"credentialId":"AKIAQX3DEMOEXPORT001","alertType":"NEW_CALLER","action":"suppress","by":"alice",
             "reason":"pen test this week","at":"2026-12-01T10:00:00Z","expiresAt":"2026-12-08T00:00:00Z"}""";

    private static TriageDecision parse(String json) {
        return TriageDecision.parse(json.getBytes(UTF_8));
    }

    private static String reason(String json) {
        return assertThrows(TriageException.class, () -> parse(json)).getMessage();
    }

    @Test
    void aSuppressionParsesWithEveryFieldAndRoundTrips() {
        TriageDecision d = parse(SUPPRESS);
        assertEquals("AKIAQX3DEMOEXPORT001", d.credentialId());
        assertEquals(TriageAction.SUPPRESS, d.action());
        assertEquals("NEW_CALLER", d.alertType());
        assertEquals("alice", d.by());
        assertEquals("pen test this week", d.reason());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), d.at());
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), d.expiresAt());
        assertNull(d.alertId());
        assertEquals(d, TriageDecision.parse(d.toBytes()));
        assertEquals("suppress/NEW_CALLER/AKIAQX3DEMOEXPORT001", d.topicKey());
    }

    @Test
    void aSuppressionSilencesItsTypeUntilExpiryInEventTime() {
        TriageDecision d = parse(SUPPRESS);
        long expiry = Instant.parse("2026-12-08T00:00:00Z").toEpochMilli();
        assertTrue(d.suppresses("NEW_CALLER", expiry - 1));
        assertFalse(d.suppresses("NEW_CALLER", expiry), "expired at expiresAt");
        assertFalse(d.suppresses("OUT_OF_SCOPE_USE", expiry - 1), "other types are not suppressed");
    }

    @Test
    void acknowledgeAndResolveNameTheAlertAndAreKeyedByIt() {
        TriageDecision d = parse("{\"credentialId\":\"k\",\"alertId\":\"0123abcd\",\"action\":\"Resolve\",\"by\":\"bob\","
                + "\"at\":\"2026-12-01T10:00:00Z\"}");
        assertEquals(TriageAction.RESOLVE, d.action());
        assertEquals("resolved", d.action().status());
        assertEquals("alert/0123abcd", d.topicKey());
        assertNull(d.reason(), "reason optional outside suppress");
    }

    @Test
    void invalidDecisionsAreRefusedNamingTheField() {
        assertTrue(reason("not json").startsWith("not JSON"), reason("not json"));
        assertEquals("expected a JSON object", reason("[1]"));
        assertTrue(reason(SUPPRESS.replace("\"by\":\"alice\",", "")).equals("by is missing"));
        assertTrue(reason(SUPPRESS.replace("\"suppress\"", "\"snooze\"")).startsWith("action 'snooze' is not one of"));
        assertEquals("a suppression needs expiresAt (ISO-8601 UTC, e.g. 2026-12-08T00:00:00Z)",
                reason(SUPPRESS.replace(",\"expiresAt\":\"2026-12-08T00:00:00Z\"", "")));
        assertEquals("a suppression needs a reason", reason(SUPPRESS.replace("\"pen test this week\"", "\"  \"")));
        assertEquals("expiresAt 2026-11-01T00:00:00Z is not after the decision time 2026-12-01T10:00:00Z",
                reason(SUPPRESS.replace("2026-12-08T00:00:00Z", "2026-11-01T00:00:00Z")));
        assertTrue(reason(SUPPRESS.replace("2026-12-08T00:00:00Z", "2028-12-08T00:00:00Z")).contains("suppressions are temporary"));
        assertTrue(reason(SUPPRESS.replace("2026-12-08T00:00:00Z", "next week")).startsWith("expiresAt 'next week' is not an ISO-8601"));
        assertTrue(reason(SUPPRESS.replace("NEW_CALLER", "NEWCALLER")).startsWith("alertType 'NEWCALLER' is not an alert type"));
        assertEquals("a suppression names the alertType to keep quiet (or an alertId of that type)",
                reason(SUPPRESS.replace("\"alertType\":\"NEW_CALLER\",", "")));
        assertTrue(reason(SUPPRESS.replace("\"by\"", "\"expires\":1,\"by\"")).startsWith("unknown field 'expires'"));
        assertEquals("by must be a string, was number", reason(SUPPRESS.replace("\"alice\"", "7")));
        assertEquals("by holds a control character at position 1", reason(SUPPRESS.replace("\"alice\"", "\"a\\u0000\"")));
        assertEquals("acknowledge names the alertId it is about",
                reason("{\"credentialId\":\"k\",\"action\":\"acknowledge\",\"by\":\"b\",\"at\":\"2026-12-01T10:00:00Z\"}"));
        assertEquals("expiresAt applies to suppress only, not to acknowledge",
                reason("{\"credentialId\":\"k\",\"alertId\":\"a1\",\"action\":\"acknowledge\",\"by\":\"b\","
                        + "\"at\":\"2026-12-01T10:00:00Z\",\"expiresAt\":\"2026-12-02T10:00:00Z\"}"));
        assertTrue(reason(SUPPRESS.replace("\"alertType\":\"NEW_CALLER\",", "\"alertId\":\"../etc\","))
                .startsWith("alertId '../etc' is not an alert id"));
        assertEquals("empty value: a triage record holds one JSON decision",
                assertThrows(TriageException.class, () -> TriageDecision.parse(null)).getMessage());
    }

    @Test
    void theTriagePartitionIsTheOneTheDefaultPartitionerGivesTheCredentialKey() {
        for (String id : new String[] {"AKIAQX3DEMOEXPORT001", "arn:aws:iam::123456789012:role/app", "system:serviceaccount:ns:sa", "é"}) {
            for (int partitions : new int[] {1, 4, 6, 12}) {
                assertEquals(BuiltInPartitioner.partitionForKey(id.getBytes(UTF_8), partitions),
                        TriagePartitioner.partition(id, partitions), id + " over " + partitions);
            }
        }
    }
}
