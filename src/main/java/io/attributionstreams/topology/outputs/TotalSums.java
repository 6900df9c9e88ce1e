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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 4, by total row: adds each delta (of answers, or of spend) to its total (a channel's, a campaign's, a
 * month's or a path's, {@link TotalKind}) and emits the new total, or a tombstone when the row's last customer left
 * and no spend fact names it. Never rescans: the total is kept, not summed.
 */
public final class TotalSums implements Processor<String, ChannelTotal, String, TotalSums.Row> {
    /** A new total for the topic of its kind; {@code record} null for a tombstone. */
    public record Row(TotalKind kind, TotalRecord record) {
    }

    private ProcessorContext<String, Row> context;
    private final Map<TotalKind, KeyValueStore<String, ChannelTotal>> totals = new EnumMap<>(TotalKind.class);

    public static ProcessorSupplier<String, ChannelTotal, String, Row> processor() {
        // cached: the sums of one row from several customer tasks mostly arrive within a commit (they send a row at
        // the same instants, ChannelDeltas), and the cache writes the row to RocksDB and its changelog once
        Set<StoreBuilder<?>> stores = Stream.of(TotalKind.values())
                .map(kind -> Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kind.store()),
                        Serdes.String(), ChannelTotalSerde.INSTANCE).withCachingEnabled())
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
        this.context = context;
        for (TotalKind kind : TotalKind.values()) {
            totals.put(kind, context.getStateStore(kind.store()));
        }
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
            context.forward(record.withKey(key).withValue(new Row(kind, null)));
        } else {
            store.put(key, total);
            context.forward(record.withKey(key).withValue(new Row(kind, record(kind, key, total))));
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
