package io.attributionstreams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process, as Kafka Streams' memory-management
 * guide recommends. Without it each store instance (14 stores x partitions) gets its own block cache
 * and memtables, and the resident set grows with the partition count rather than with a setting.
 * Here the block cache, the index and filter blocks and the memtables of all stores share one LRU
 * cache of {@code attribution.rocksdb.memory.bytes}; memtables may take half of it. The budget is
 * per process: with several Kafka Streams clients in one JVM (tests) the first one's setting holds.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** The budget's key; read from the Kafka Streams configuration the setter is handed. */
    public static final String MEMORY_BYTES = "attribution.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;

    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    private static final long BLOCK_SIZE = 16 << 10;
    private static final int MEMTABLES = 3;
    /**
     * RocksDB's default arena block is a write buffer's eighth, capped at 1 MB, and a memtable holds at
     * least one block as soon as it has a record: with some 130 store instances that is 130 MB of the
     * write buffer manager's budget taken by nearly empty memtables. Once over it, every write makes its
     * store flush its memtable, however small: measured, thousands of tiny files per store, compactions
     * and write stalls, and a 20,000-customer back-log that never settled. Small blocks keep the budget for
     * data.
     */
    static final long ARENA_BLOCK_BYTES = 64 << 10;

    // shared by every store instance of the process, so never closed with one store
    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long memtableBytes;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(budget(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(Math.max(1L << 20, memtableBytes / MEMTABLES / 4));
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    private static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_BYTES);
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_MEMORY_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.toString().strip());
            if (bytes < (16L << 20)) {
                throw new IllegalArgumentException(MEMORY_BYTES + " must be at least 16 MB, got " + bytes);
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_BYTES + " must be a number of bytes, got '" + value + "'");
        }
    }

    private static synchronized void ensureShared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
            memtableBytes = bytes / 2;
            writeBuffers = new WriteBufferManager(memtableBytes, cache);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager belong to all stores: they live as long as the process
    }
}
