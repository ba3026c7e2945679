package io.nhidrift.topology;

import static io.nhidrift.topology.DriftHarness.entitlement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

/** NEW_CALLER, HUMAN_USE and ACCESS_DENIED_BURST. */
@TopologyTest
class CallerDetectionTest {

    private static final String KEY = "AKIAEXAMPLEKEY000001";
    private final DriftHarness h = new DriftHarness();

    @BeforeEach
    void inventory() {
        h.inventory(entitlement(KEY, "2026-07-01T00:00:00Z", "s3:*"));
        h.use(KEY, "s3:GetObject", "2026-07-02T00:00:00Z");
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void useFrom(String time, String ip, String agent) {
        h.event(h.call(KEY, "s3:GetObject", time).setSourceIp(ip).setUserAgent(agent).build());
    }

    @Test
    void newNetworkAfterTheLearningPeriodAlertsOnce() {
        useFrom("2026-07-20T00:00:00Z", "203.0.113.7", "aws-cli/2.13.5 Python/3.11.4 Linux/5.10");
        useFrom("2026-07-20T01:00:00Z", "203.0.113.9", "aws-cli/2.13.5 Python/3.11.4 Linux/5.10");
        assertEquals(List.of("network:203.0.113.0/24"), h.alerts("NEW_CALLER").stream().map(a -> a.get("subject").asText()).toList());
    }

    @Test
    void newAgentFamilyAfterTheLearningPeriodAlerts() {
        useFrom("2026-07-20T00:00:00Z", "10.0.0.1", "python-requests/2.31.0");
        assertEquals(List.of("agent:python-requests"), h.alerts("NEW_CALLER").stream().map(a -> a.get("subject").asText()).toList());
    }

    @Test
    void sdkVersionBumpAndNewIpInTheSame24AreNotNewCallers() {
        useFrom("2026-07-20T00:00:00Z", "10.0.0.200", "aws-cli/2.15.0 Python/3.12.1 Linux/6.1");
        useFrom("2026-07-21T00:00:00Z", "10.0.0.3", "[aws-cli/2.16.1 Python/3.12.1 Linux/6.1]");
        assertEquals(List.of(), h.types());
    }

    @Test
    void newCallerInsideTheLearningPeriodIsLearnedNotAlerted() {
        useFrom("2026-07-05T00:00:00Z", "198.51.100.4", "terraform/1.6.0");
        useFrom("2026-07-20T00:00:00Z", "198.51.100.5", "terraform/1.7.0");
        assertEquals(List.of(), h.types());
    }

    @Test
    void ipv6CallersAreGroupedBy48() {
        useFrom("2026-07-03T00:00:00Z", "2001:db8:1:2::5", "aws-cli/2.13.5");
        useFrom("2026-07-20T00:00:00Z", "2001:db8:1:ffff::9", "aws-cli/2.13.5");
        useFrom("2026-07-20T00:00:00Z", "2001:db8:2::1", "aws-cli/2.13.5");
        assertEquals(List.of("network:2001:db8:2::/48"), h.alerts("NEW_CALLER").stream().map(a -> a.get("subject").asText()).toList());
    }

    @Test
    void browserOnAMachineCredentialIsHumanUse() {
        useFrom("2026-07-03T00:00:00Z", "10.0.0.1",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
        useFrom("2026-07-03T00:05:00Z", "10.0.0.1", "Mozilla/5.0 (Macintosh) Firefox/121.0");
        assertEquals(List.of("HUMAN_USE"), h.types());
        assertEquals("mozilla", h.alerts().get(0).get("subject").asText());
    }

    @Test
    void tenDeniedCallsInFiveMinutesAreABurstReportedOnce() {
        for (int i = 0; i < 12; i++) {
            h.event(h.call(KEY, "iam:List" + i, "2026-07-03T00:0" + (i / 3) + ":" + (10 + i) + "Z")
                    .setDenied(true).setErrorCode("AccessDenied").build());
        }
        assertEquals(List.of("ACCESS_DENIED_BURST"), h.types());
        assertEquals("10", h.alerts().get(0).get("subject").asText());
        assertEquals("2026-07-03T00:03:19Z", h.alerts().get(0).get("eventTime").asText());
    }

    @Test
    void nineDeniedCallsOrTenSpreadOverMoreThanFiveMinutesAreNotABurst() {
        for (int i = 0; i < 10; i++) {
            h.event(h.call(KEY, "iam:List" + i, "2026-07-03T00:" + String.format("%02d", i * 2) + ":00Z")
                    .setDenied(true).setErrorCode("AccessDenied").build());
        }
        assertEquals(List.of(), h.types());
    }
}
