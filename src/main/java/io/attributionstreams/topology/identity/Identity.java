package io.attributionstreams.topology.identity;

import io.attributionstreams.facts.Interaction;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.Pacing;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.events.VersionedSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Step 2: the identity graph processor and its stores. */
public final class Identity {
    private Identity() {
    }

    /**
     * @param pacing how many link targets an event or a punctuation serves, and how often deferred ones are served
     * @param events told how many link events each identity event caused, of deferred fan-outs, and of
     *     identifiers turning hot, going over the claimant cap and coming back under it
     * @param maxClaimants the claimant cap K of docs/contract.md §10, 0 for none
     */
    public static ProcessorSupplier<String, GraphEvent, String, GraphEvent> graph(Pacing pacing,
            IdentityEvents events, int maxClaimants) {
        StoreBuilder<KeyValueStore<String, Long>> claims = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.IDENTITY_CLAIMS), Serdes.String(), Serdes.Long());
        StoreBuilder<KeyValueStore<String, Versioned<Interaction>>> carriers = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.IDENTITY_CARRIERS), Serdes.String(),
                VersionedSerde.interactions());
        StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.IDENTITY_CLAIM_COUNTS), Serdes.String(), Serdes.Long());
        // logged, so a fan-out under way survives a crash; cached, so one deferred and done between two
        // commits never reaches the changelog
        StoreBuilder<KeyValueStore<String, PendingFanOut>> pending = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.PENDING_FANOUTS), Serdes.String(),
                JsonSerde.of(PendingFanOut.class)).withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, GraphEvent, String, GraphEvent> get() {
                return new IdentityGraph(pacing, events, maxClaimants);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(claims, carriers, counts, pending);
            }
        };
    }
}
