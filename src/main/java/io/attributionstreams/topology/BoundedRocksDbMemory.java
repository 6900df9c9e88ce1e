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
    /**
     * Each memtable is the memtable budget over this many store instances (22 stores of 6 partitions are 132, and
     * full memtables of them all then take half the budget).
     * A memtable is flushed when it is full, when the write buffer manager's budget is spent, or when its store
     * closes: with RocksDB's logs on, two bench runs flushed for no other reason. So every store instance keeps a
     * memtable of up to this size however long it has been idle, and the write buffer manager, once the budget
     * is spent, makes the store being written flush its own memtable, however small. With memtables of a
     * twelfth of the budget, the hot stores alone could spend it: at the 1M bench, while the customers that
     * waited for the catch-up were recomputed, it forced 219,821 such flushes of 5.9 KB on average in 740 s, the
     * stream threads waiting in RocksDB's {@code put} and its flush and compaction threads taking three quarters of
     * a core.
     */
    static final int MEMTABLE_SHARES = 256;

    // shared by every store instance of the process, so never closed with one store
    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long memtableBytes;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(budget(configs));
        configure(options, cache, writeBuffers, memtableBytes);
    }

    /** One store's options, sharing {@code cache} and {@code writeBuffers} (of {@code memtableBytes}) with the rest. */
    static void configure(Options options, Cache cache, WriteBufferManager writeBuffers, long memtableBytes) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(Math.max(4 * ARENA_BLOCK_BYTES, memtableBytes / MEMTABLE_SHARES));
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
