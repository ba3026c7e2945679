package io.nhidrift.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of the process: one shared LRU block cache (which
 * also holds index and filter blocks) and one {@link WriteBufferManager} that charges every memtable to
 * that cache. Sizes come from the configuration keys {@code rocksdb.cache.bytes} (total) and
 * {@code rocksdb.memtable.bytes} (memtables, part of the total), passed to Kafka Streams by
 * {@link StreamsProperties}; the first store to open fixes them for the process.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Streams-config keys under which {@link StreamsProperties} passes the sizes. */
    public static final String TOTAL_KEY = "nhidrift.rocksdb.cache.bytes";
    public static final String MEMTABLE_KEY = "nhidrift.rocksdb.memtable.bytes";
    private static final double INDEX_FILTER_HIGH_PRIORITY_RATIO = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long memtableBytes;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        WriteBufferManager wbm = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(wbm);
        options.setWriteBufferSize(Math.max(1L << 20, memtableBytes / 4));
        options.setMaxWriteBufferNumber(2);
    }

    private static synchronized WriteBufferManager shared(Map<String, Object> configs) {
        if (cache == null) {
            long total = bytes(configs.get(TOTAL_KEY), 128L << 20);
            memtableBytes = Math.min(total, bytes(configs.get(MEMTABLE_KEY), 32L << 20));
            org.rocksdb.RocksDB.loadLibrary();
            cache = new LRUCache(total, -1, false, INDEX_FILTER_HIGH_PRIORITY_RATIO);
            writeBuffers = new WriteBufferManager(memtableBytes, cache);
        }
        return writeBuffers;
    }

    private static long bytes(Object value, long fallback) {
        return value == null ? fallback : Long.parseLong(value.toString());
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed here
    }
}
