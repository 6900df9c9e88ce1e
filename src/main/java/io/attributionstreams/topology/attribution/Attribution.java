package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.CustomerAttributor;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.topology.Backlog;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.markov.StoredJourney;
import io.attributionstreams.topology.markov.StoredJourneySerde;
import io.attributionstreams.topology.serde.ChannelTotalSerde;
import io.attributionstreams.topology.touchpoints.CustomerChange;
import io.attributionstreams.topology.touchpoints.CustomerStores;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Step 3b: the attribution processor, reading the customer stores and owning the answers. */
public final class Attribution {
    private Attribution() {
    }

    /**
     * @param settings the fingerprint of the settings that change answers, on every answer record
     * @param backlog whether the application is catching up, when every change waits until it has
     */
    public static ProcessorSupplier<String, CustomerChange, String, AnswerChange> processor(CustomerAttributor attributor,
            String settings, Pacing pacing, AttributionEvents events, Predicate<String> erased, Backlog backlog) {
        // logged, so a deferred recompute survives a crash; cached, so one deferred and done between
        // two commits never reaches the changelog; in memory, because it is a queue: every entry is put and
        // deleted soon after, and in RocksDB those deletes piled up as tombstones the commits' cache flushes
        // wrote and compactions chased (measured: most of the stream threads' time while a back-log drained)
        StoreBuilder<KeyValueStore<String, Long>> pending = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.PENDING_RECOMPUTES), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
        StoreBuilder<KeyValueStore<String, ChannelTotal>> answerChannels = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.ANSWER_CHANNELS), Serdes.String(), ChannelTotalSerde.INSTANCE);
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, CustomerChange, String, AnswerChange> get() {
                return new AttributeProcessor(attributor, settings, pacing, events, erased, backlog);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                Set<StoreBuilder<?>> stores = new java.util.HashSet<>(Set.of(CustomerStores.STATUS,
                        CustomerStores.TOUCHPOINTS, CustomerStores.APPOINTMENTS, CustomerStores.PAYMENTS,
                        CustomerStores.ANSWERS, answerChannels, pending));
                stores.add(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.CUSTOMER_JOURNEYS),
                        Serdes.String(), StoredJourneySerde.INSTANCE));
                return stores;
            }
        };
    }
}
