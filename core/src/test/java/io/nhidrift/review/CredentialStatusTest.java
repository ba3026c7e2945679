package io.nhidrift.review;

import static io.nhidrift.review.ReviewFixtures.DAY;
import static io.nhidrift.review.ReviewFixtures.NOW;
import static io.nhidrift.review.ReviewFixtures.entitlement;
import static io.nhidrift.review.ReviewFixtures.used;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.DetectionConfig;
import io.nhidrift.testing.UnitTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@UnitTest
class CredentialStatusTest {

    /** idle after 30 d, unused window 90 d (the contract's defaults). */
    private static final DetectionConfig CONFIG = new DetectionConfig(Duration.ofDays(30), Duration.ofDays(90),
            Duration.ofDays(14), 10, Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(1),
            256, 64, Set.of(), Map.of());

    private static CredentialStatus status(CredentialState s, Entitlement e) {
        return CredentialStatus.derive(s, e, CONFIG, NOW);
    }

    @Test
    void silenceIsMeasuredWithTheIdleAndUnusedThresholdsOfTheDetectors() {
        Entitlement e = entitlement("k", "aws_access_key", "s3:*");
        assertEquals(CredentialStatus.ACTIVE, status(used("k", NOW - 29 * DAY, Map.of("s3:GetObject", 1L)), e));
        assertEquals(CredentialStatus.IDLE, status(used("k", NOW - 30 * DAY, Map.of("s3:GetObject", 1L)), e));
        assertEquals(CredentialStatus.IDLE, status(used("k", NOW - 89 * DAY, Map.of("s3:GetObject", 1L)), e));
        assertEquals(CredentialStatus.DORMANT, status(used("k", NOW - 90 * DAY, Map.of("s3:GetObject", 1L)), e));
    }

    @Test
    void aNeverUsedCredentialCountsFromWhenItBecameKnown() {
        Entitlement e = entitlement("k", "aws_access_key", "s3:*");
        CredentialState fresh = used("k", 0, Map.of());
        fresh.setKnownSince(NOW - 10 * DAY);
        assertEquals(CredentialStatus.ACTIVE, status(fresh, e));
        fresh.setKnownSince(NOW - 40 * DAY);
        assertEquals(CredentialStatus.IDLE, status(fresh, e));
        e.setCreatedAt(NOW - 5 * DAY);
        e.setAsOf(NOW - 5 * DAY);
        assertEquals(CredentialStatus.ACTIVE, status(null, e), "no state yet: the later of createdAt and asOf");
    }

    @Test
    void revokedWinsOverExpiredAndBothOverSilence() {
        Entitlement e = entitlement("k", "aws_access_key", "s3:*");
        CredentialState s = used("k", NOW - DAY, Map.of("s3:GetObject", 1L));
        e.setExpiresAt(NOW + DAY);
        assertEquals(CredentialStatus.ACTIVE, status(s, e), "expiry still ahead");
        e.setExpiresAt(NOW - DAY);
        assertEquals(CredentialStatus.EXPIRED, status(s, e));
        e.setRevokedAt(NOW - 2 * DAY);
        assertEquals(CredentialStatus.REVOKED, status(s, e));
    }

    @Test
    void aCredentialOutsideTheInventoryIsUnknown() {
        assertEquals(CredentialStatus.UNKNOWN, status(used("k", NOW, Map.of("s3:GetObject", 1L)), null));
        assertEquals(CredentialStatus.IDLE, CredentialStatus.of("idle"));
    }
}
