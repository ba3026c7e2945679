package io.nhidrift.detect.detectors;

import static io.nhidrift.detect.DetectionFixture.KEY;
import static io.nhidrift.detect.DetectionFixture.finding;
import static io.nhidrift.detect.DetectionFixture.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.detect.AlertType;
import io.nhidrift.detect.DetectionFixture;
import io.nhidrift.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An inventory version's {@code lastUsedAt} seeds the credential's last use for the idle detectors, and nothing else. */
@UnitTest
class LastUsedAtSeedTest {

    /** A role known from 2026-07-01 whose provider last saw it used at {@code lastUsedAt} (null: absent). */
    private static String inventory(String asOf, String createdAt, String lastUsedAt) {
        return "{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:*\",\"iam:*\"],"
                + (createdAt == null ? "" : "\"createdAt\":\"" + createdAt + "\",")
                + (lastUsedAt == null ? "" : "\"lastUsedAt\":\"" + lastUsedAt + "\",")
                + "\"asOf\":\"" + asOf + "\"}";
    }

    @Test
    void aCredentialLastUsedFortyDaysBeforeTheInventoryIsIdleThirtyDaysAfterThatUse() {
        Alert a = DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(inventory("2026-07-01T00:00:00Z", null, "2026-05-22T00:00:00Z"))
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-06-21T00:00:00Z", null)).get(0);
        assertTrue(a.getSummary().contains("has not been used for 30 days (last use 2026-05-22T00:00:00Z)"), a.getSummary());
    }

    @Test
    void withoutLastUsedAtTheNeverUsedCredentialIsIdleThirtyDaysAfterItBecameKnown() {
        DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(inventory("2026-07-01T00:00:00Z", null, null))
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-07-31T00:00:00Z", null));
    }

    @Test
    void aCredentialUsedLastWeekIsNotNeverUsedAndGoesIdleFromThatUse() {
        Alert a = DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(inventory("2026-07-01T00:00:00Z", null, "2026-06-24T00:00:00Z"))
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-07-24T00:00:00Z", null)).get(0);
        assertTrue(a.getSummary().contains("last use 2026-06-24T00:00:00Z"), a.getSummary());
    }

    @Test
    void theFirstLoggedUseAfterTheSeededSpellIsADormantReactivation() {
        Alert a = DetectionFixture.of(AlertType.DORMANT_REACTIVATED)
                .inventory(inventory("2026-07-01T00:00:00Z", null, "2026-05-22T00:00:00Z"))
                .use("2026-07-03T00:00:00Z", "s3:GetObject")
                .use("2026-07-04T00:00:00Z", "s3:GetObject")
                .expect(finding("2026-07-03T00:00:00Z", "s3:GetObject")).get(0);
        assertTrue(a.getEvidenceJson().contains("\"previousUse\":\"2026-05-22T00:00:00Z\""), a.getEvidenceJson());
    }

    @Test
    void aUseSeenInTheLogsAfterTheReportedOneWins() {
        DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(inventory("2026-07-01T00:00:00Z", null, null))
                .use("2026-07-10T00:00:00Z", "s3:GetObject")
                .inventory(inventory("2026-07-15T00:00:00Z", null, "2026-07-05T00:00:00Z")) // older than the logged use
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-08-09T00:00:00Z", null));
    }

    @Test
    void aLastUsedAtAfterTheVersionCountsAsTheVersionsTime() {
        DetectionFixture f = DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(inventory("2026-07-01T00:00:00Z", null, "2026-08-15T00:00:00Z"))
                .until("2026-09-01T00:00:00Z");
        f.expect(finding("2026-07-31T00:00:00Z", null));
        assertEquals(millis("2026-07-01T00:00:00Z"), f.state(KEY).getLastSeen());
    }

    @Test
    void aLastUsedAtBeforeCreatedAtIsIgnored() {
        DetectionFixture.of(AlertType.IDLE_CREDENTIAL)
                .inventory(inventory("2026-07-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-05-01T00:00:00Z"))
                .until("2026-09-01T00:00:00Z")
                .expect(finding("2026-07-31T00:00:00Z", null));
    }

    @Test
    void theSeedIsNoUseOfAnyGrantAndCountsNoUse() {
        DetectionFixture f = DetectionFixture.of(AlertType.UNUSED_ENTITLEMENT)
                .inventory(inventory("2026-01-01T00:00:00Z", null, "2025-12-30T00:00:00Z"))
                .until("2026-04-15T00:00:00Z");
        f.expect(finding("2026-04-01T00:00:00Z", List.of("iam:*", "s3:*")));
        CredentialState s = f.state(KEY);
        assertEquals(0L, s.getUseCount());
        assertNull(s.getFirstSeen());
        assertTrue(s.getActions().isEmpty(), s.getActions().toString());
        assertEquals(millis("2025-12-30T00:00:00Z"), s.getLastSeen());
    }
}
