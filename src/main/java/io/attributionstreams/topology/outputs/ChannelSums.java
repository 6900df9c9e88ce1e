package io.attributionstreams.topology.outputs;

import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 4, by (type, model, channel): adds each delta (of answers, or of spend) to the total and emits the
 * new total, or a tombstone when the channel's last customer left and no spend fact names it. Never rescans: the total is kept, not summed.
 */
public final class ChannelSums implements Processor<String, ChannelTotal, String, ChannelTotalRecord> {
    private ProcessorContext<String, ChannelTotalRecord> context;
    private KeyValueStore<String, ChannelTotal> totals;

    public static ProcessorSupplier<String, ChannelTotal, String, ChannelTotalRecord> processor() {
        StoreBuilder<KeyValueStore<String, ChannelTotal>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.CHANNEL_TOTALS_STORE), Serdes.String(),
                JsonSerde.of(ChannelTotal.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ChannelTotal, String, ChannelTotalRecord> get() {
                return new ChannelSums();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, ChannelTotalRecord> context) {
        this.context = context;
        this.totals = context.getStateStore(Names.CHANNEL_TOTALS_STORE);
    }

    @Override
    public void process(Record<String, ChannelTotal> record) {
        ChannelTotal known = totals.get(record.key());
        ChannelTotal total = (known == null ? ChannelTotal.ZERO : known).plus(record.value());
        if (!total.exists()) {
            totals.delete(record.key());
            context.forward(record.withValue(null));
        } else {
            totals.put(record.key(), total);
            context.forward(record.withValue(ChannelTotalRecord.of(channelKey(record.key()), total)));
        }
    }

    /** The inverse of {@link ChannelKey#topicKey()}; a channel may itself contain '|'. */
    public static ChannelKey channelKey(String topicKey) {
        int first = topicKey.indexOf('|');
        int second = topicKey.indexOf('|', first + 1);
        return new ChannelKey(ConversionType.valueOf(topicKey.substring(0, first)),
                topicKey.substring(first + 1, second), topicKey.substring(second + 1));
    }
}
