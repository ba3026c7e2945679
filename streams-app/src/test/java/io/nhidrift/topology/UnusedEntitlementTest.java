package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

/** UNUSED_ENTITLEMENT: after the observation window, the grant patterns that matched no use in the window. */
@TopologyTest
class UnusedEntitlementTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";

    /** Uses every 10 days (never idle) from a start date for a number of days. */
    private static void useEvery10Days(DriftHarness h, String action, String from, int days) {
        Instant t = Instant.parse(from);
        for (int d = 0; d < days; d += 10) {
            h.use(KEY, action, t.plus(Duration.ofDays(d)).toString());
        }
    }

    @Test
    void unusedPatternsAfter90DaysWithTheLeastPrivilegeSetAsEvidence() {
        try (DriftHarness h = new DriftHarness()) {
            h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:GetObject", "s3:List*", "ec2:*", "iam:PassRole"));
            h.use(KEY, "s3:ListBucket", "2026-01-05T00:00:00Z");
            useEvery10Days(h, "s3:GetObject", "2026-01-06T00:00:00Z", 90);
            h.use(KEY, "s3:GetObject", "2026-04-02T00:00:00Z");

            List<JsonNode> unused = h.alerts("UNUSED_ENTITLEMENT");
            assertEquals(1, unused.size(), h.types().toString());
            JsonNode a = unused.get(0);
            assertEquals("2026-04-01T00:00:00Z", a.get("eventTime").asText());
            assertEquals("[\"ec2:*\",\"iam:PassRole\"]", a.get("subject").toString());
            assertEquals("[\"s3:GetObject\",\"s3:ListBucket\"]", a.at("/evidence/recommendedGrants").toString());
        }
    }

    @Test
    void aPatternLastUsedMoreThanTheWindowAgoBecomesUnusedAtThatInstant() {
        try (DriftHarness h = new DriftHarness()) {
            h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:GetObject", "s3:List*"));
            h.use(KEY, "s3:ListBucket", "2026-01-05T00:00:00Z");
            useEvery10Days(h, "s3:GetObject", "2026-01-02T00:00:00Z", 130);
            List<JsonNode> unused = h.alerts("UNUSED_ENTITLEMENT");
            assertEquals(1, unused.size(), h.types().toString());
            assertEquals("2026-04-05T00:00:00Z", unused.get(0).get("eventTime").asText());
            assertEquals("[\"s3:List*\"]", unused.get(0).get("subject").toString());
        }
    }

    @Test
    void aPatternGrantedLaterIsObservedFromWhenItWasGranted() {
        try (DriftHarness h = new DriftHarness()) {
            h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:GetObject"));
            useEvery10Days(h, "s3:GetObject", "2026-01-02T00:00:00Z", 30);
            h.inventory(entitlement(KEY, "2026-02-01T00:00:00Z", "s3:GetObject", "sqs:SendMessage"));
            useEvery10Days(h, "s3:GetObject", "2026-02-02T00:00:00Z", 120);
            List<JsonNode> unused = h.alerts("UNUSED_ENTITLEMENT");
            assertEquals(1, unused.size(), h.types().toString());
            assertEquals("2026-05-02T00:00:00Z", unused.get(0).get("eventTime").asText());
            assertEquals("[\"sqs:SendMessage\"]", unused.get(0).get("subject").toString());
        }
    }

    @Test
    void usedPatternsAndShortObservationAreNotReported() {
        try (DriftHarness h = new DriftHarness(Map.of("detect.unused.window", "90d"))) {
            h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:*"));
            useEvery10Days(h, "s3:GetObject", "2026-01-02T00:00:00Z", 200);
            assertEquals(List.of(), h.types());
        }
    }

    @Test
    void aReusedPatternCanBeReportedAgainAfterAnotherUnusedSpell() {
        try (DriftHarness h = new DriftHarness()) {
            h.inventory(entitlement(KEY, "2026-01-01T00:00:00Z", "s3:GetObject", "sqs:SendMessage"));
            useEvery10Days(h, "s3:GetObject", "2026-01-02T00:00:00Z", 100);
            h.use(KEY, "sqs:SendMessage", "2026-04-10T00:00:00Z");
            useEvery10Days(h, "s3:GetObject", "2026-04-11T00:00:00Z", 100);
            List<String> times = h.alerts("UNUSED_ENTITLEMENT").stream().map(a -> a.get("eventTime").asText()).toList();
            assertEquals(List.of("2026-04-01T00:00:00Z", "2026-07-09T00:00:00Z"), times);
        }
    }
}
