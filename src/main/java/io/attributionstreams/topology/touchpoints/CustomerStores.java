package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.attribution.EmittedAnswer;
import io.attributionstreams.topology.attribution.EmittedAnswerSerde;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.events.VersionedSerde;
import io.attributionstreams.topology.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 3's stores, all keyed by customer id (alone, or first in a composite key so that a prefix
 * scan finds one customer's entries). The touchpoints step writes the facts; the attribution step
 * reads them and owns the last answers. Both processors return these same builder instances, which
 * is how Kafka Streams connects one store to two processors.
 */
public final class CustomerStores {
    private CustomerStores() {
    }

    public static final StoreBuilder<KeyValueStore<String, CustomerStatus>> STATUS = Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(Names.CUSTOMER_STATUS), Serdes.String(), JsonSerde.of(CustomerStatus.class));

    public static final StoreBuilder<KeyValueStore<String, TouchpointLinks>> TOUCHPOINTS = Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(Names.CUSTOMER_TOUCHPOINTS), Serdes.String(), TouchpointSerde.INSTANCE);

    public static final StoreBuilder<KeyValueStore<String, Versioned<Appointment>>> APPOINTMENTS =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.CUSTOMER_APPOINTMENTS), Serdes.String(),
                    VersionedSerde.appointments());

    public static final StoreBuilder<KeyValueStore<String, Versioned<Payment>>> PAYMENTS =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.CUSTOMER_PAYMENTS), Serdes.String(),
                    VersionedSerde.payments());

    public static final StoreBuilder<KeyValueStore<String, EmittedAnswer>> ANSWERS = Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(Names.CUSTOMER_ANSWERS), Serdes.String(), EmittedAnswerSerde.INSTANCE);
}
