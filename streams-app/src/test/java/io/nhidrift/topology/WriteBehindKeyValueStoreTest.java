package io.nhidrift.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.nhidrift.testing.TopologyTest;

@TopologyTest
class WriteBehindKeyValueStoreTest {

    /** Counts value serializations: what the write-behind layer saves. */
    private final AtomicInteger serialized = new AtomicInteger();
    private WriteBehindKeyValueStore<String, String> store;

    @BeforeEach
    void open() {
        Serde<String> counting = Serdes.serdeFrom((topic, v) -> {
            serialized.incrementAndGet();
            return v == null ? null : v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }, Serdes.String().deserializer());
        KeyValueStore<String, String> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), counting)
                .withLoggingDisabled().withCachingDisabled().build();
        store = new WriteBehindKeyValueStore<>(inner, 3);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String readOnOtherThread(String key) {
        return CompletableFuture.supplyAsync(() -> store.get(key)).join();
    }

    @Test
    void aKeyWrittenManyTimesBetweenCommitsIsSerializedOnceAtTheCommit() {
        for (int i = 1; i <= 100; i++) {
            store.put("AKIA1", "state-" + i);
        }
        assertEquals(0, serialized.get(), "nothing serialized before the commit");
        assertEquals("state-100", store.get("AKIA1"), "the writing thread reads its pending object");
        store.flushCache(); // what Kafka Streams calls before committing
        assertEquals(1, serialized.get());
        assertEquals(0, store.pendingCount());
        assertEquals("state-100", readOnOtherThread("AKIA1"));
    }

    @Test
    void otherThreadsSeeTheStateAsOfTheLastCommitOnly() {
        store.put("AKIA1", "v1");
        store.flushCache();
        store.put("AKIA1", "v2");
        store.put("AKIA2", "new");
        assertEquals("v1", readOnOtherThread("AKIA1"), "interactive queries never see an uncommitted object");
        assertNull(readOnOtherThread("AKIA2"));
        assertEquals("v2", store.get("AKIA1"));
        store.commit(java.util.Map.of());
        assertEquals("v2", readOnOtherThread("AKIA1"));
        assertEquals("new", readOnOtherThread("AKIA2"));
    }

    @Test
    void pushesEverythingDownWhenTooManyKeysArePending() {
        for (int i = 0; i < 4; i++) {
            store.put("k" + i, "v" + i); // bound is 3
        }
        assertEquals(4, serialized.get(), "the 4th pending key pushes all four down");
        assertEquals(0, store.pendingCount());
        assertEquals("v3", readOnOtherThread("k3"));
    }

    @Test
    void aClearedCacheDropsWhatWasNotCommitted() {
        store.put("AKIA1", "committed");
        store.flushCache();
        store.put("AKIA1", "uncommitted");
        store.clearCache(); // a task revived after a failure
        store.flushCache();
        assertEquals("committed", store.get("AKIA1"));
    }

    @Test
    void scansAndDeletesOnTheWritingThreadSeePendingWrites() {
        store.put("a", "1");
        store.put("b", "2");
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertEquals(List.of("a", "b"), keys);
        store.put("c", "3");
        assertEquals("3", store.delete("c"));
        assertNull(store.get("c"));
        store.putAll(List.of(KeyValue.pair("d", "4")));
        assertEquals("4", store.putIfAbsent("d", "5"));
        store.put("d", null);
        store.flushCache();
        assertNull(readOnOtherThread("d"));
        assertEquals("1", readOnOtherThread("a"));
    }
}
