package io.attributionstreams.topology.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Step 2: the identity graph processor and its two stores. */
public final class Identity {
    private Identity() {
    }

    /** @param events told how many link events each identity event caused, and of identifiers turning hot */
    public static ProcessorSupplier<String, GraphEvent, String, GraphEvent> graph(IdentityEvents events) {
        StoreBuilder<KeyValueStore<String, Long>> claims = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.IDENTITY_CLAIMS), Serdes.String(), Serdes.Long());
        StoreBuilder<KeyValueStore<String, Versioned<Interaction>>> carriers = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.IDENTITY_CARRIERS), Serdes.String(),
                JsonSerde.of(new TypeReference<Versioned<Interaction>>() { }));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, GraphEvent, String, GraphEvent> get() {
                return new IdentityGraph(events);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(claims, carriers);
            }
        };
    }
}
