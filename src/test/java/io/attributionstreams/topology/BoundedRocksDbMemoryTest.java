package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The shared memory budget against real RocksDB instances, as the app opens them: one per store and partition,
 * sharing one cache and one write buffer manager, writes without a write-ahead log (as Kafka Streams writes).
 */
class BoundedRocksDbMemoryTest {
    /** 22 stores of 6 partitions: the app's store instances in one process with the default partitions. */
    private static final int STORE_INSTANCES = 132;
    private static final int VALUE_BYTES = 1_000;
    /** Values are random, so that a file's size says how much it holds: repeated ones would compress to nothing. */
    private final Random random = new Random(7);

    @TempDir
    Path dir;

    /**
     * Under exactly-once a store is not flushed before it closes, so idle stores keep their memtables as full as
     * they left them. A store written afterwards must still flush only full memtables: with memtables of a
     * twelfth of the budget, idle ones spent it, and the write buffer manager made every write of the hot store
     * flush its own memtable (thousands of files of a few KB).
     */
    @Test
    void aHotStoreFlushesOnlyFullMemtablesWhileEveryIdleStoreHoldsANearlyFullOne() throws Exception {
        RocksDB.loadLibrary();
        long budget = BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES;
        long memtableBudget = budget / 2;
        List<RocksDB> stores = new ArrayList<>();
        List<Options> options = new ArrayList<>();
        try (Cache cache = new LRUCache(budget, -1, false, 0.1);
                WriteBufferManager writeBuffers = new WriteBufferManager(memtableBudget, cache);
                WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            for (int i = 0; i < STORE_INSTANCES; i++) {
                Options storeOptions = new Options().setCreateIfMissing(true).setDisableAutoCompactions(true);
                storeOptions.setTableFormatConfig(new BlockBasedTableConfig());
                BoundedRocksDbMemory.configure(storeOptions, cache, writeBuffers, memtableBudget);
                options.add(storeOptions);
                stores.add(RocksDB.open(storeOptions, dir.resolve("store-" + i).toString()));
            }
            long memtable = options.get(0).writeBufferSize();
            // every store but the first left with a memtable four fifths full (a record's overhead included)
            long idleRecords = memtable * 4 / 5 / (VALUE_BYTES + 100);
            for (int i = 1; i < STORE_INSTANCES; i++) {
                for (int r = 0; r < idleRecords; r++) {
                    put(stores.get(i), noWal, "idle-" + r);
                }
            }
            // then the hot store receives four memtables' worth
            long hotRecords = 4 * memtable / VALUE_BYTES;
            for (int r = 0; r < hotRecords; r++) {
                put(stores.get(0), noWal, "hot-" + r);
            }
            for (RocksDB store : stores) {
                awaitFlushes(store);
            }

            // about four files; a flush that falls behind merges the memtables queued for it into one file
            assertThat(sstFiles(0)).as("the hot store flushes full memtables only, about four of them")
                    .isBetween(2L, 6L);
            try (Stream<Path> files = Files.list(dir.resolve("store-0"))) {
                for (Path sst : files.filter(f -> f.getFileName().toString().endsWith(".sst")).toList()) {
                    assertThat(Files.size(sst)).as("%s holds at least half a memtable", sst.getFileName())
                            .isGreaterThan(memtable / 2);
                }
            }
            long idleFlushed = 0;
            for (int i = 1; i < STORE_INSTANCES; i++) {
                idleFlushed += sstFiles(i);
            }
            assertThat(idleFlushed).as("no idle store was made to flush").isZero();
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    /** Until the store has no flush running or waiting to run. */
    private static void awaitFlushes(RocksDB store) throws RocksDBException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((store.getLongProperty("rocksdb.num-running-flushes") > 0
                || store.getLongProperty("rocksdb.mem-table-flush-pending") > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void put(RocksDB store, WriteOptions writeOptions, String key) throws RocksDBException {
        byte[] value = new byte[VALUE_BYTES];
        random.nextBytes(value);
        store.put(writeOptions, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private long sstFiles(int store) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("store-" + store))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).count();
        }
    }
}

