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
 * that cache. Total = {@code nhidrift.rocksdb.cache.bytes} (default 64 MiB), of which memtables at most
 * {@code nhidrift.rocksdb.memtable.bytes} (default 16 MiB); system properties, read once per process.
 *
 * <p>Enable with {@code kafka.rocksdb.config.setter=io.nhidrift.app.BoundedRocksDbConfig} (Kafka Streams
 * {@code rocksdb.config.setter}).
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final long TOTAL_BYTES = Long.getLong("nhidrift.rocksdb.cache.bytes", 64L * 1024 * 1024);
    public static final long MEMTABLE_BYTES = Long.getLong("nhidrift.rocksdb.memtable.bytes", 16L * 1024 * 1024);
    private static final double INDEX_FILTER_HIGH_PRIORITY_RATIO = 0.1;

    private static final Cache CACHE;
    private static final WriteBufferManager WRITE_BUFFERS;

    static {
        org.rocksdb.RocksDB.loadLibrary();
        CACHE = new LRUCache(TOTAL_BYTES, -1, false, INDEX_FILTER_HIGH_PRIORITY_RATIO);
        WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(Math.max(1L << 20, MEMTABLE_BYTES / 4));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed here
    }
}
