package io.attributionstreams.topology.outputs;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 4a, still in the customer's task: adds up the channel deltas of this task's customers and
 * sends one summed delta per (type, model, channel) on at a fixed wall-clock interval, a tenth of the rows at a
 * time ({@link #SLOTS}).
 *
 * <p>Why: every answer change moves credit between a few channels, so passing each delta on made
 * the channel totals (the by-channel repartition, its store's changelog and the output topic) about
 * three quarters of everything the engine wrote. Summing first turns that into at most one record
 * per channel key and task per interval. Deltas add exactly, so the totals are unchanged.
 *
 * <p>The pending sums live in a logged store rather than in a field: under exactly-once the forwarded sums and
 * the emptied store commit in one transaction, so a crash neither loses nor repeats a delta. The store is a
 * {@link WriteBehindStore}: the many writes to one key between two commits reach the store and its changelog
 * once, just before the commit (writing each through Kafka Streams' record cache, encoded, had been nearly a third
 * of the stream threads' time while a back-log settled). Below it the store is in memory: it is emptied at every
 * send, and RocksDB is slow at that (each emptied row a tombstone that the next scan steps over and compaction
 * has to chase; measured as most of the stream threads' time while a back-log drained, once path rows made the
 * keys many). Its size is bounded by the rows that changed within one interval.
 *
 * <p>The processor keeps the same sums in a map as well, the store's mirror, so that adding a delta reads
 * no bytes back and sending iterates no store. The store stays the truth a crash comes back to: the map is
 * loaded from it whenever the task starts.
 */
public final class ChannelDeltas implements Processor<String, ChannelTotal, String, ChannelTotal> {
    /**
     * Each row belongs to one of this many slots (by its key's hash), and each slot is sent once per interval, the
     * slots' sends spread evenly over it. Why: sent all at once, a second's rows (thousands of path and campaign rows
     * at 1,000 upserts a second) went through the {@code by-channel} topic and the total sums in one burst, and
     * the facts behind it waited: step 4's p99 was worse with a 5 s interval than with 1 s although it took 15% less
     * CPU, and far worse with 0.2 s (more records). Spread, p99 at 200K facts and 1,000 upserts a second was 275 ms
     * against 316 and 318; at full size no change was measurable (310 against 290 ms, within run-to-run noise).
     * Each row still waits at most one interval.
     */
    static final int SLOTS = 10;
    private final Duration interval;
    private ProcessorContext<String, ChannelTotal> context;
    private KeyValueStore<String, ChannelTotal> pending;
    /** Exactly the store's entries, in memory and by slot, so that neither a delta nor a send decodes them. */
    private final List<Map<String, ChannelTotal>> sums = new ArrayList<>();
    /** When each slot is next sent (wall clock). */
    private final long[] nextSend = new long[SLOTS];

    private ChannelDeltas(Duration interval) {
        this.interval = interval;
    }

    public static ProcessorSupplier<String, ChannelTotal, String, ChannelTotal> processor(Duration interval) {
        StoreBuilder<KeyValueStore<String, ChannelTotal>> store = WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.PENDING_CHANNEL_DELTAS), Serdes.String(),
                ChannelTotalSerde.INSTANCE));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ChannelTotal, String, ChannelTotal> get() {
                return new ChannelDeltas(interval);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, ChannelTotal> context) {
        this.context = context;
        this.pending = context.getStateStore(Names.PENDING_CHANNEL_DELTAS);
        // after a restart or a task moving here: what the store kept from before is still to be sent
        sums.clear();
        for (int slot = 0; slot < SLOTS; slot++) {
            sums.add(new HashMap<>());
        }
        try (KeyValueIterator<String, ChannelTotal> all = pending.all()) {
            all.forEachRemaining(kv -> slotOf(kv.key).put(kv.key, kv.value));
        }
        long start = context.currentSystemTimeMs();
        for (int slot = 0; slot < SLOTS; slot++) {
            nextSend[slot] = start + interval.toMillis() * (slot + 1) / SLOTS;
        }
        Duration tick = Duration.ofMillis(Math.max(1, interval.toMillis() / SLOTS));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::sendDue);
    }

    @Override
    public void process(Record<String, ChannelTotal> record) {
        ChannelTotal sum = slotOf(record.key()).merge(record.key(), record.value(), ChannelTotal::plus);
        pending.put(record.key(), sum);
    }

    private Map<String, ChannelTotal> slotOf(String key) {
        return sums.get(Math.floorMod(key.hashCode(), SLOTS));
    }

    /** Sends the slots that are due; all of them when the clock jumped by an interval or more. */
    private void sendDue(long now) {
        List<String> keys = new ArrayList<>();
        Map<String, ChannelTotal> due = new HashMap<>();
        long step = Math.max(1, interval.toMillis());
        for (int slot = 0; slot < SLOTS; slot++) {
            if (nextSend[slot] <= now) {
                keys.addAll(sums.get(slot).keySet());
                due.putAll(sums.get(slot));
                sums.get(slot).clear();
                // the next send one interval on, past now: a late punctuation keeps the slots spread
                nextSend[slot] += step * ((now - nextSend[slot]) / step + 1);
            }
        }
        // in key order, so that a run is repeatable (the totals do not depend on the order)
        Collections.sort(keys);
        for (String key : keys) {
            ChannelTotal sum = due.get(key);
            pending.put(key, null); // deletes, without decoding the old sum that delete() would return
            // deltas that cancelled out would only repeat the current total
            if (!sum.isEmpty()) {
                context.forward(new Record<>(key, sum, now));
            }
        }
    }
}
