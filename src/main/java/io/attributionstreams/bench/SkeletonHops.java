package io.attributionstreams.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The skeleton's four hops, each one read-modify-write of a persistent store on the record's key, then a
 * forward. No normalisation, identity or attribution: what is left is what any topology of this shape
 * pays to Kafka Streams, RocksDB, the changelogs, the repartitions and exactly-once.
 */
final class SkeletonHops {
    /** Parses any input value; thread-safe once configured, and never reconfigured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private SkeletonHops() {
    }

    /** Which input topic a hop-0 processor reads: what the skeleton derives from its JSON. */
    enum Fact { CUSTOMER, INTERACTION, APPOINTMENT, PAYMENT }

    /**
     * Hop 0, by fact id: the last version of the fact (its raw bytes), then one record per identifier a
     * customer claims or an interaction carries (raw, as the JSON has them), as the engine's normaliser sends
     * one identity event per identifier; a customer also sends its status, and an appointment or a payment
     * its one record, keyed by customer id.
     */
    static ProcessorSupplier<String, byte[], String, SkeletonEvent> facts(Fact fact, String storeName) {
        StoreBuilder<KeyValueStore<String, byte[]>> versions = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.ByteArray());
        return new Supplier<>(versions, () -> new Hop<byte[], SkeletonEvent, byte[]>(storeName) {
            @Override
            public void process(Record<String, byte[]> record) {
                if (record.key() == null || record.value() == null) {
                    return;
                }
                store.get(record.key());
                store.put(record.key(), record.value());
                JsonNode json = parse(record.value());
                if (json != null) {
                    emit(fact, json, record);
                }
            }

            private void emit(Fact fact, JsonNode json, Record<String, byte[]> record) {
                String customer = text(json, "customer_id");
                switch (fact) {
                    case CUSTOMER -> {
                        forward(record, customer, new SkeletonEvent(SkeletonEvent.FACT, customer, null));
                        SkeletonEvent claim = new SkeletonEvent(SkeletonEvent.CLAIM, customer, null);
                        json.path("phones").forEach(phone -> forward(record, phone.asText(), claim));
                        json.path("emails").forEach(email -> forward(record, email.asText(), claim));
                        forward(record, customerIdentifier(customer), claim);
                    }
                    case INTERACTION -> {
                        SkeletonEvent attach = new SkeletonEvent(SkeletonEvent.ATTACH, null, text(json, "channel"));
                        forward(record, text(json, "phone"), attach);
                        forward(record, text(json, "email"), attach);
                        forward(record, customerIdentifier(customer), attach);
                    }
                    case APPOINTMENT, PAYMENT -> forward(record, customer, new SkeletonEvent(SkeletonEvent.FACT,
                            customer, null));
                }
            }
        });
    }

    /**
     * Hop 1, by identifier: a customer's claim puts its id under the identifier; an interaction reads who
     * claims it and writes it back (the engine keeps its carriers there), then goes on keyed by that
     * customer, or by the identifier itself while nobody claims it.
     */
    static ProcessorSupplier<String, SkeletonEvent, String, SkeletonEvent> identifiers(String storeName) {
        StoreBuilder<KeyValueStore<String, String>> owners = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.String());
        return new Supplier<>(owners, () -> new Hop<SkeletonEvent, SkeletonEvent, String>(storeName) {
            @Override
            public void process(Record<String, SkeletonEvent> record) {
                String owner = store.get(record.key());
                SkeletonEvent event = record.value();
                if (event.kind() == SkeletonEvent.CLAIM) {
                    owner = event.customer();
                }
                store.put(record.key(), owner == null ? "" : owner);
                String customer = owner == null || owner.isEmpty() ? record.key() : owner;
                context.forward(record.withKey(customer)
                        .withValue(new SkeletonEvent(event.kind(), customer, event.channel())));
            }
        });
    }

    /** What hop 2 forwards, in memory only: the customer's new count, and the key of its channel delta. */
    record Counted(long count, String channelKey) {
    }

    /** Hop 2, by customer: a count per customer, read, incremented, written; forwarded with the channel. */
    static ProcessorSupplier<String, SkeletonEvent, String, Counted> customers(String storeName) {
        return counting(storeName, (record, count) -> record.withValue(new Counted(count,
                record.value().channelKey())));
    }

    /** Hop 3, by channel: a count per channel, read, incremented, written; forwarded as the channel's total. */
    static ProcessorSupplier<String, Long, String, Long> channels(String storeName) {
        return counting(storeName, (record, total) -> record.withValue(total));
    }

    private static <V, VOut> ProcessorSupplier<String, V, String, VOut> counting(String storeName,
            BiFunction<Record<String, V>, Long, Record<String, VOut>> forwarded) {
        StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.Long());
        return new Supplier<>(counts, () -> new Hop<V, VOut, Long>(storeName) {
            @Override
            public void process(Record<String, V> record) {
                Long before = store.get(record.key());
                long count = (before == null ? 0 : before) + 1;
                store.put(record.key(), count);
                context.forward(forwarded.apply(record, count));
            }
        });
    }

    /** The identifier the engine gives a customer's own id, so that an interaction naming it meets the customer. */
    private static String customerIdentifier(String customer) {
        return customer == null ? null : "id:" + customer;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null; // the engine sends such a record to its dead letters; the skeleton drops it
        }
    }

    /** A processor with one store, the one it reads and writes on every record. */
    private abstract static class Hop<VIn, VOut, S> implements Processor<String, VIn, String, VOut> {
        private final String name;
        ProcessorContext<String, VOut> context;
        KeyValueStore<String, S> store;

        Hop(String name) {
            this.name = name;
        }

        @Override
        public void init(ProcessorContext<String, VOut> context) {
            this.context = context;
            this.store = context.getStateStore(name);
        }

        /** Forwards {@code value} keyed by {@code key}, unless there is no key (an absent field). */
        void forward(Record<String, ?> record, String key, VOut value) {
            if (key != null && !key.isBlank()) {
                context.forward(new Record<>(key, value, record.timestamp(), record.headers()));
            }
        }
    }

    /** Supplies a processor and connects its store to it. */
    private record Supplier<VIn, VOut>(StoreBuilder<?> store,
            java.util.function.Supplier<Processor<String, VIn, String, VOut>> make)
            implements ProcessorSupplier<String, VIn, String, VOut> {
        @Override
        public Processor<String, VIn, String, VOut> get() {
            return make.get();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store);
        }
    }
}
