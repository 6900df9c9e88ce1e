package io.attributionstreams.ops;

import io.attributionstreams.topology.Names;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One gauge per state store, {@code attribution.store.entries{store=...}}: RocksDB's estimate of
 * the entries this instance holds in its active tasks, summed over partitions, read through
 * interactive queries when Prometheus scrapes. While Kafka Streams is not RUNNING (starting,
 * rebalancing, stopped) no store can be queried and the gauge reads NaN, which Prometheus keeps as
 * a gap: a last value would claim a size nobody measured.
 */
public final class StoreSizes {
    public static final String METRIC = "attribution.store.entries";

    private StoreSizes() {
    }

    /**
     * A gauge per store of {@code topology}: {@link Names#STORES}, and those of markov and of the credit rows
     * where they run.
     */
    public static void bind(KafkaStreams streams, Topology topology, MeterRegistry registry) {
        for (String store : storesOf(topology)) {
            Gauge.builder(METRIC, streams, s -> entries(s, store))
                    .description("approximate entries of a state store in this instance's active tasks")
                    .tag("store", store).register(registry);
        }
    }

    /** The state stores of the topology's processors (not the global store), in the order met. */
    public static List<String> storesOf(Topology topology) {
        Set<String> stores = new LinkedHashSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        return List.copyOf(stores);
    }

    static double entries(KafkaStreams streams, String store) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            ReadOnlyKeyValueStore<Object, Object> view = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
            return view.approximateNumEntries();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return Double.NaN; // a rebalance began between the state check and the query
        }
    }
}
