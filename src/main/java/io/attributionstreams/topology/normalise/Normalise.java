package io.attributionstreams.topology.normalise;

import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.events.VersionedSerde;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 1: the four normalising processors, each owning its versions store, and sharing the store of
 * their erasure scans; {@code arrived} is told of every record read, bad ones included (the facts-in
 * meter); {@code erasure} holds the suppressed subjects.
 */
public final class Normalise {
    private Normalise() {
    }

    public static ProcessorSupplier<String, byte[], String, GraphEvent> customers(FactNormaliser normaliser,
            Runnable arrived, Erasure erasure) {
        return supplier(Names.CUSTOMER_VERSIONS, VersionedSerde.customers(), erasure,
                () -> new CustomerVersions(Names.CUSTOMER_VERSIONS, normaliser, arrived, erasure));
    }

    public static ProcessorSupplier<String, byte[], String, GraphEvent> interactions(FactNormaliser normaliser,
            Runnable arrived, Erasure erasure) {
        return supplier(Names.INTERACTION_VERSIONS, VersionedSerde.interactions(), erasure,
                () -> new InteractionVersions(Names.INTERACTION_VERSIONS, normaliser, arrived, erasure));
    }

    public static ProcessorSupplier<String, byte[], String, GraphEvent> appointments(FactNormaliser normaliser,
            Runnable arrived, Erasure erasure) {
        return supplier(Names.APPOINTMENT_VERSIONS, VersionedSerde.appointments(), erasure,
                () -> new AppointmentVersions(Names.APPOINTMENT_VERSIONS, normaliser, arrived, erasure));
    }

    public static ProcessorSupplier<String, byte[], String, GraphEvent> payments(FactNormaliser normaliser,
            Runnable arrived, Erasure erasure) {
        return supplier(Names.PAYMENT_VERSIONS, VersionedSerde.payments(), erasure,
                () -> new PaymentVersions(Names.PAYMENT_VERSIONS, normaliser, arrived, erasure));
    }

    private static <F> ProcessorSupplier<String, byte[], String, GraphEvent> supplier(String store,
            Serde<Versioned<F>> serde, Erasure erasure,
            Supplier<Processor<String, byte[], String, GraphEvent>> processor) {
        StoreBuilder<KeyValueStore<String, Versioned<F>>> builder =
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), serde);
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, byte[], String, GraphEvent> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(builder, erasure.scanStore(), erasure.markStore());
            }
        };
    }
}
