package io.attributionstreams.topology.outputs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps a processor's writes as objects and hands each changed key to the store it
 * wraps once per commit, in the step where Kafka Streams flushes its record caches before committing.
 *
 * <p>Why: a processor that rewrites a few keys thousands of times between two commits (a running sum) paid, for
 * every write, the value's encoding and a trip through Kafka Streams' record cache, which then kept only the last
 * write anyway: measured as nearly a third of the stream threads' time while a back-log settled. Here a write
 * is a map entry. What reaches the wrapped store, its changelog and so the transaction is the same as with the
 * record cache: each key's last value of the commit interval, written before the offsets are committed. A task
 * closed without a commit (a crash) drops the unwritten entries, as Kafka Streams drops its cache: that work is
 * redone from the committed offsets.
 *
 * <p>{@link #get} sees every write; iterators and {@link #approximateNumEntries()} see the wrapped store, that is
 * what was written back at the last commit. The one processor that owns the store iterates it only when it
 * starts, before any write. Interactive queries from other threads read {@link #get} safely (a concurrent map);
 * nothing but the stream thread writes.
 *
 * <p>The owning processor may also register writes of its own to run just before each write-back
 * ({@link #beforeWriteBack}): a journal of what it keeps in memory, written once per commit ({@link ChannelDeltas}),
 * or the rows a commit changed, emitted downstream in that commit as a record cache's flush emits them
 * ({@link TotalSums}).
 *
 * <p>Kafka Streams offers no public hook before a commit; the store takes part in it as a cached store does
 * ({@link WrappedStateStore}, internal to Kafka Streams; {@code WriteBehindStoreTest} checks it with the test
 * driver and on a real broker, so that an upgrade that changes it fails a test rather than losing a sum).
 */
final class WriteBehindStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {
    /** A key deleted since the last write-back (a concurrent map holds no null). */
    private static final Object DELETED = new Object();
    private final Map<K, Object> unwritten = new ConcurrentHashMap<>();
    /** What the owning processor writes just before each write-back ({@link #beforeWriteBack}). */
    private volatile Runnable beforeWriteBack = () -> { };

    WriteBehindStore(KeyValueStore<K, V> wrapped) {
        super(wrapped);
    }

    /**
     * The write-behind store behind {@code store}, as a processor's context hands it out (wrapped in Kafka Streams'
     * own decorators), for {@link #beforeWriteBack}.
     */
    @SuppressWarnings("unchecked")
    static <K, V> WriteBehindStore<K, V> of(StateStore store) {
        StateStore at = store;
        while (!(at instanceof WriteBehindStore)) {
            if (!(at instanceof WrappedStateStore<?, ?, ?> wrapper)) {
                throw new IllegalArgumentException("not a write-behind store: " + store.name());
            }
            at = wrapper.wrapped();
        }
        return (WriteBehindStore<K, V>) at;
    }

    /**
     * Runs {@code writes} before each write-back, on the stream thread, so that what it puts is written back in
     * the same commit: for a processor that writes what a commit changed, once per commit. One per store; the
     * last registered (a processor that starts again registers anew).
     */
    void beforeWriteBack(Runnable writes) {
        beforeWriteBack = writes;
    }

    /** {@code builder}'s store behind this one (its logging as it is; caching is then pointless, and off). */
    static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> builder) {
        return new Builder<>(builder.withCachingDisabled());
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        unwritten.clear();
        beforeWriteBack = () -> { }; // the processor that starts on this store registers its own
        super.init(context, root);
    }

    @Override
    public void put(K key, V value) {
        unwritten.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V known = get(key);
        if (known == null) {
            put(key, value);
        }
        return known;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public V delete(K key) {
        V known = get(key);
        unwritten.put(key, DELETED);
        return known;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object value = unwritten.get(key);
        if (value == null) {
            return wrapped().get(key);
        }
        return value == DELETED ? null : (V) value;
    }

    /** The wrapped store's entries in range, as of the last write-back. */
    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Before each commit, with the record caches: every key written since the last one, once. */
    @Override
    public void flushCache() {
        writeBack();
        super.flushCache();
    }

    /** After a commit there is nothing left to write back; on paths that commit without flushing caches, this. */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeBack();
        super.commit(changelogOffsets);
    }

    @Override
    public void close() {
        unwritten.clear(); // a clean close has committed (and so written back) first; a crash drops them by design
        super.close();
    }

    /** How many keys wait for the next write-back. */
    int unwrittenKeys() {
        return unwritten.size();
    }

    @SuppressWarnings("unchecked")
    private void writeBack() {
        beforeWriteBack.run();
        if (unwritten.isEmpty()) {
            return;
        }
        for (Map.Entry<K, Object> e : unwritten.entrySet()) {
            // a null put deletes as delete() does, without reading and decoding the old value to return it
            wrapped().put(e.getKey(), e.getValue() == DELETED ? null : (V) e.getValue());
        }
        unwritten.clear();
    }

    private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> inner)
            implements StoreBuilder<KeyValueStore<K, V>> {
        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            throw new UnsupportedOperationException("a write-behind store folds writes itself; no record cache");
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new WriteBehindStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
