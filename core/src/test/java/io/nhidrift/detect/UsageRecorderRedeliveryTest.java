package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.avro.CredentialState;
import io.nhidrift.testing.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.generic.PrimitivesArrays;
import org.junit.jupiter.api.Test;

/** The redelivery check remembers the latest {@code recentEventIds} hashes, on primitive and boxed lists alike. */
@UnitTest
class UsageRecorderRedeliveryTest {

    private final DetectionConfig config = DetectionFixture.defaults();
    private final UsageRecorder recorder = new UsageRecorder(config);

    @Test
    void aNewStateKeepsTheHashesAsPrimitiveLongs() {
        assertInstanceOf(PrimitivesArrays.LongArray.class, UsageRecorder.newState("c").getRecentEventHashes());
    }

    @Test
    void anIdSeenAmongTheLatestIsARedeliveryAndAnOlderOneIsNot() {
        int keep = config.recentEventIds();
        CredentialState s = UsageRecorder.newState("c");
        for (int i = 0; i <= keep; i++) {
            assertFalse(recorder.isRedelivery(s, "e" + i), "first sight of e" + i);
        }
        assertEquals(keep, s.getRecentEventHashes().size());
        assertTrue(recorder.isRedelivery(s, "e" + keep), "the latest id");
        assertTrue(recorder.isRedelivery(s, "e1"), "the oldest id still remembered");
        assertFalse(recorder.isRedelivery(s, "e0"), "pushed out by the newer ones");
    }

    @Test
    void primitiveAndBoxedListsGiveTheSameAnswersAndKeepTheSameHashes() {
        CredentialState primitive = UsageRecorder.newState("c");
        CredentialState boxed = UsageRecorder.newState("c");
        boxed.setRecentEventHashes(new ArrayList<>());
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            String id = "event-" + r.nextInt(40);
            assertEquals(recorder.isRedelivery(boxed, id), recorder.isRedelivery(primitive, id), id);
        }
        assertEquals(List.copyOf(boxed.getRecentEventHashes()), List.copyOf(primitive.getRecentEventHashes()));
    }
}
