package io.attributionstreams.topology.outputs;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>The pending sums are kept in memory and made durable in a logged store, as a journal: just before each commit
 * ({@link WriteBehindStore#beforeWriteBack}), one entry per slot holds the sums of the slot's rows that changed
 * since the last commit; a send deletes the slot's entries. Under exactly-once the forwarded sums and the deleted
 * entries commit in one transaction, so a crash neither loses nor repeats a delta, and a task that starts again
 * reads the entries back (of two, the later one holds a row's sum). Why a journal: a record per changed row at each
 * commit, and a tombstone per row at each send, had been a tenth of the stream threads' time at 1,000 upserts a
 * second with the full 1M state loaded (a path row hardly ever changes twice within an interval), and as many
 * records again for the producer and the broker. Below it the store is in memory: it holds only entries not yet
 * sent, so its size is bounded by the rows that changed within one interval.
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
    /** The journal's keys: this, the slot, then the entry's sequence number, both fixed width. */
    static final String JOURNAL = "journal|";
    private final Duration interval;
    private ProcessorContext<String, ChannelTotal> context;
    private KeyValueStore<String, byte[]> journal;
    private final Slot[] slots = new Slot[SLOTS];
    private long nextEntry;

    /** The rows of one slot: their sums since its last send, which changed since the last commit, its entries. */
    private static final class Slot {
        final Map<String, Pending> sums = new HashMap<>();
        /** Each once. */
        final List<Pending> changed = new ArrayList<>();
        /** Its entries in the journal, deleted when the slot is sent. */
        final List<String> entries = new ArrayList<>();
        /** When it is next sent (wall clock). */
        long nextSend;
    }

    /** A row's pending sum, and whether the next commit's journal entry must hold it. */
    private static final class Pending {
        final String key;
        ChannelTotal sum = ChannelTotal.ZERO;
        boolean changed;

        Pending(String key) {
            this.key = key;
        }
    }

    private ChannelDeltas(Duration interval) {
        this.interval = interval;
    }

    public static ProcessorSupplier<String, ChannelTotal, String, ChannelTotal> processor(Duration interval) {
        StoreBuilder<KeyValueStore<String, byte[]>> store = WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.PENDING_CHANNEL_DELTAS), Serdes.String(), Serdes.ByteArray()));
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
        this.journal = context.getStateStore(Names.PENDING_CHANNEL_DELTAS);
        for (int slot = 0; slot < SLOTS; slot++) {
            slots[slot] = new Slot();
        }
        restore();
        WriteBehindStore.<String, byte[]>of(journal).beforeWriteBack(this::writeJournal);
        // each slot at the same instants of the wall clock in every task (multiples of the interval, then its tenths):
        // a row's sums from all of them reach its total within a commit or two, which folds them into one write
        long start = context.currentSystemTimeMs();
        long step = Math.max(1, interval.toMillis());
        long intervalStart = start - Math.floorMod(start, step);
        for (int slot = 0; slot < SLOTS; slot++) {
            slots[slot].nextSend = intervalStart + step * (slot + 1) / SLOTS;
            if (slots[slot].nextSend <= start) {
                slots[slot].nextSend += step;
            }
        }
        // checked ten times per slot, so that the tasks' sends of a slot lie within a tenth of its share
        Duration tick = Duration.ofMillis(Math.max(1, step / SLOTS / 10));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::sendDue);
    }

    /**
     * After a restart or a task moving here, what the journal kept is still to be sent: each row's sum from its
     * latest entry. A version before the journal kept a row's sum under the row's own key; those are read first.
     * Every entry read is deleted and its rows journaled afresh at the next commit, so the journal's layout never
     * depends on how an earlier run cut it.
     */
    private void restore() {
        Map<Long, byte[]> journaled = new TreeMap<>();
        List<String> read = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = journal.all()) {
            all.forEachRemaining(kv -> {
                read.add(kv.key);
                if (kv.key.startsWith(JOURNAL)) {
                    journaled.put(sequence(kv.key), kv.value);
                } else {
                    add(kv.key, ChannelTotalSerde.INSTANCE.fromBytes(kv.value), false);
                }
            });
        }
        journaled.values().forEach(bytes -> PendingSums.SERDE.fromBytes(bytes).rows()
                .forEach(row -> add(row.key(), row.sum(), true)));
        journaled.keySet().stream().mapToLong(Long::longValue).max().ifPresent(last -> nextEntry = last + 1);
        read.forEach(key -> journal.put(key, null));
        for (Slot slot : slots) {
            slot.sums.values().forEach(row -> markChanged(slot, row));
        }
    }

    @Override
    public void process(Record<String, ChannelTotal> record) {
        add(record.key(), record.value(), false);
    }

    /** Adds {@code delta} to the row's sum, or makes it the sum ({@code replace}: a journal entry read back). */
    private void add(String key, ChannelTotal delta, boolean replace) {
        Slot slot = slots[Math.floorMod(key.hashCode(), SLOTS)];
        Pending row = slot.sums.computeIfAbsent(key, Pending::new);
        row.sum = replace ? delta : row.sum.plus(delta);
        markChanged(slot, row);
    }

    private static void markChanged(Slot slot, Pending row) {
        if (!row.changed) {
            row.changed = true;
            slot.changed.add(row);
        }
    }

    /** Just before each commit: an entry per slot with the sums of the rows changed since the last one. */
    private void writeJournal() {
        for (int slot = 0; slot < SLOTS; slot++) {
            List<Pending> rows = slots[slot].changed;
            if (rows.isEmpty()) {
                continue;
            }
            List<PendingSums.Row> written = new ArrayList<>(rows.size());
            for (Pending row : rows) {
                written.add(new PendingSums.Row(row.key, row.sum));
                row.changed = false;
            }
            rows.clear();
            for (PendingSums entry : PendingSums.chunks(written)) {
                String key = entryKey(slot, nextEntry++);
                journal.put(key, PendingSums.SERDE.toBytes(entry));
                slots[slot].entries.add(key);
            }
        }
    }

    static String entryKey(int slot, long sequence) {
        return String.format("%s%02d|%019d", JOURNAL, slot, sequence);
    }

    private static long sequence(String entryKey) {
        return Long.parseLong(entryKey.substring(entryKey.lastIndexOf('|') + 1));
    }

    /** Sends the slots that are due; all of them when the clock jumped by an interval or more. */
    private void sendDue(long now) {
        List<Pending> due = new ArrayList<>();
        long step = Math.max(1, interval.toMillis());
        for (Slot slot : slots) {
            if (slot.nextSend <= now) {
                due.addAll(slot.sums.values());
                slot.sums.clear();
                slot.changed.clear(); // sent now: no entry needs them
                slot.entries.forEach(key -> journal.put(key, null)); // deletes, without decoding the entry
                slot.entries.clear();
                // the next send one interval on, past now: a late punctuation keeps the slots spread
                slot.nextSend += step * ((now - slot.nextSend) / step + 1);
            }
        }
        // in key order, so that a run is repeatable (the totals do not depend on the order)
        due.sort(Comparator.comparing(row -> row.key));
        for (Pending row : due) {
            // deltas that cancelled out would only repeat the current total
            if (!row.sum.isEmpty()) {
                context.forward(new Record<>(row.key, row.sum, now));
            }
        }
    }
}
