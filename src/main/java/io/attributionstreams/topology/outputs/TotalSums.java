package io.attributionstreams.topology.outputs;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.contract.TotalKeys;
import io.attributionstreams.contract.TotalRecord;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 4, by total row: adds each delta (of answers, or of spend) to its total (a channel's, a campaign's, a
 * month's or a path's, {@link TotalKind}) and emits the new total, or a tombstone when the row's last customer left
 * and no spend fact names it. Never rescans: the total is kept, not summed.
 *
 * <p>A row's new total is emitted once per commit, however many deltas changed it since the last one: the six
 * customer tasks send a row's sums at the same instants ({@link ChannelDeltas}), so most rows take several deltas
 * within a commit, and emitting each had written three to four times as many records to the campaign and month
 * topics as their changelogs took. The totals are {@link WriteBehindStore}s, and just before each commit writes
 * them back, the rows changed since the last commit are emitted, in the same transaction, the way Kafka Streams'
 * own record caches emit a table's latest values when they are flushed (a KTable's cache flush listener). A task
 * closed without a commit loses the list with the unwritten sums, and redoes both from the committed offsets.
 */
public final class TotalSums implements Processor<String, ChannelTotal, String, TotalSums.Row> {
    /** A new total for the topic of its kind; {@code record} null for a tombstone. */
    public record Row(TotalKind kind, TotalRecord record) {
    }

    /** A row changed since the last commit, with what its last delta's record carried: its time and source. */
    private record Changed(ProcessorRecordContext source, long timestamp, Headers headers) {
    }

    /** A row of one kind of totals, by its topic key. */
    private record RowKey(TotalKind kind, String key) {
    }

    private InternalProcessorContext<String, Row> context;
    /** This processor's node, which its children hang off: current again while the changed rows are emitted. */
    private ProcessorNode<?, ?, ?, ?> node;
    private final Map<TotalKind, KeyValueStore<String, ChannelTotal>> totals = new EnumMap<>(TotalKind.class);
    private final Map<RowKey, Changed> changed = new LinkedHashMap<>();

    public static ProcessorSupplier<String, ChannelTotal, String, Row> processor() {
        // written behind: a row's sums from the six customer tasks mostly arrive within a commit (they send a row at
        // the same instants, ChannelDeltas), and the row reaches RocksDB, its changelog and its topic once
        Set<StoreBuilder<?>> stores = Stream.of(TotalKind.values())
                .map(kind -> WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(kind.store()), Serdes.String(), ChannelTotalSerde.INSTANCE)))
                .collect(Collectors.toSet());
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ChannelTotal, String, Row> get() {
                return new TotalSums();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Row> context) {
        // Kafka Streams' own context: emitting outside process() (as its caches do when flushed) needs its internals
        this.context = (InternalProcessorContext<String, Row>) context;
        this.node = this.context.currentNode();
        changed.clear();
        for (TotalKind kind : TotalKind.values()) {
            totals.put(kind, context.getStateStore(kind.store()));
        }
        WriteBehindStore.<String, ChannelTotal>of(context.getStateStore(TotalKind.CHANNEL.store()))
                .beforeWriteBack(this::emitChanged);
    }

    @Override
    public void process(Record<String, ChannelTotal> record) {
        TotalKind kind = TotalKind.of(record.key());
        String key = kind.topicKey(record.key());
        KeyValueStore<String, ChannelTotal> store = totals.get(kind);
        ChannelTotal known = store.get(key);
        ChannelTotal total = (known == null ? ChannelTotal.ZERO : known).plus(record.value());
        if (!total.exists()) {
            store.delete(key);
        } else {
            store.put(key, total);
        }
        changed.put(new RowKey(kind, key), new Changed(context.recordContext(), record.timestamp(), record.headers()));
    }

    /**
     * Each row changed since the last commit, as its total now is, timed and sourced as its last delta was: called
     * on the stream thread while the commit flushes the stores, before the totals are written back.
     */
    private void emitChanged() {
        if (changed.isEmpty()) {
            return;
        }
        ProcessorNode<?, ?, ?, ?> current = context.currentNode();
        ProcessorRecordContext currentSource = context.recordContext();
        try {
            context.setCurrentNode(node);
            for (Map.Entry<RowKey, Changed> e : changed.entrySet()) {
                RowKey row = e.getKey();
                Changed last = e.getValue();
                ChannelTotal total = totals.get(row.kind()).get(row.key());
                context.setRecordContext(last.source());
                context.forward(new Record<>(row.key(),
                        new Row(row.kind(), total == null ? null : record(row.kind(), row.key(), total)),
                        last.timestamp(), last.headers()));
            }
        } finally {
            changed.clear();
            context.setRecordContext(currentSource);
            context.setCurrentNode(current);
        }
    }

    /** The record of a kept total, as its topic (and the query side) shows it. */
    public static TotalRecord record(TotalKind kind, String topicKey, ChannelTotal total) {
        return switch (kind) {
            case CHANNEL -> ChannelTotalRecord.of(TotalKeys.parseChannel(topicKey), total);
            case CAMPAIGN -> CampaignTotalRecord.of(TotalKeys.parseCampaign(topicKey), total);
            case MONTH -> MonthTotalRecord.of(TotalKeys.parseMonth(topicKey), total);
            case PATH -> PathTotalRecord.of(TotalKeys.parsePath(topicKey), total);
        };
    }
}
