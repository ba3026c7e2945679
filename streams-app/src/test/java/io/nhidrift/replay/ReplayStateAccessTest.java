package io.nhidrift.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.detect.StateAccess.DueEntry;
import io.nhidrift.detect.UsageRecorder;
import io.nhidrift.inventory.CompiledEntitlement;
import io.nhidrift.inventory.InventoryParser;
import io.nhidrift.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay's bounded state: objects pushed out of the small cache come back from RocksDB unchanged; a cached
 * entitlement keeps its compiled form; the index sorts by due.
 */
@UnitTest
class ReplayStateAccessTest {

    @TempDir
    Path dir;

    @Test
    void statesBeyondTheCacheAreWrittenOutAndReadBack() {
        try (ReplayStateAccess access = new ReplayStateAccess(dir.resolve("db"), 3 * HeapWeight.of(UsageRecorder.newState("cred-00")))) {
            for (int i = 0; i < 50; i++) {
                CredentialState s = UsageRecorder.newState("cred-" + i);
                s.setKnownSince(1_000L + i);
                access.putState(s);
            }
            for (int i = 49; i >= 0; i--) {
                assertEquals(1_000L + i, access.state("cred-" + i).getKnownSince(), "cred-" + i);
            }
            assertNull(access.state("never-seen"));
        }
    }

    @Test
    void aCachedEntitlementIsCompiledOnceAndANewVersionAnew() throws Exception {
        try (ReplayStateAccess access = new ReplayStateAccess(dir.resolve("db"), 1L << 20)) {
            access.putEntitlement(entitlement("s3:GetObject"));
            AtomicInteger compiles = new AtomicInteger();
            Function<Entitlement, CompiledEntitlement> compile = e -> {
                compiles.incrementAndGet();
                return CompiledEntitlement.of(e);
            };
            Entitlement first = access.entitlement(KEY);
            CompiledEntitlement compiled = access.compiled(first, compile);
            assertSame(compiled, access.compiled(access.entitlement(KEY), compile));
            assertEquals(1, compiles.get());
            assertTrue(compiled.inScope("s3:GetObject"));

            access.putEntitlement(entitlement("ec2:*"));
            CompiledEntitlement next = access.compiled(access.entitlement(KEY), compile);
            assertEquals(2, compiles.get());
            assertTrue(next.inScope("ec2:RunInstances"));
            assertFalse(next.inScope("s3:GetObject"));
            // an object that is not the one kept (an older version) is compiled for itself, never given another's form
            assertTrue(access.compiled(first, compile).inScope("s3:GetObject"));
            assertEquals(3, compiles.get());
        }
    }

    private static final String KEY = "AKIAAAAAAAAAAAAAAAAA";

    private static Entitlement entitlement(String grant) throws Exception {
        return InventoryParser.parse(("{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"grants\":[\""
                + grant + "\"],\"asOf\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dueEntriesComeBackEarliestFirstUpToTheThresholdIncludingNegativeTimes() {
        try (ReplayStateAccess access = new ReplayStateAccess(dir.resolve("db"), 3 * HeapWeight.of(UsageRecorder.newState("cred-00")))) {
            access.putDue(500, (byte) 1, "b");
            access.putDue(-20, (byte) 2, "a");
            access.putDue(900, (byte) 1, "c");
            access.putDue(500, (byte) 1, "a");
            assertEquals(-20L, access.earliestDue());
            assertEquals(List.of(new DueEntry(-20, (byte) 2, "a"), new DueEntry(500, (byte) 1, "a"), new DueEntry(500, (byte) 1, "b")),
                    access.dueUpTo(500, 10));
            access.deleteDue(-20, (byte) 2, "a");
            assertEquals(List.of(new DueEntry(500, (byte) 1, "a")), access.dueUpTo(800, 1));
            assertEquals(500L, access.earliestDue());
        }
    }
}
