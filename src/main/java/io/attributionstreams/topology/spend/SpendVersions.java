package io.attributionstreams.topology.spend;

import io.attributionstreams.facts.Spend;
import io.attributionstreams.normalise.FactNormaliser;
import io.attributionstreams.normalise.RawSpend;
import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.normalise.InputRecords;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.Objects;
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
 * Step 1 for spend, by spend id: normalises the fact, compares it with its last version and sends the
 * change on, so that the totals can take the old amount out and put the new one in. A tombstone deletes the
 * fact; an identical repeat stops here. A fact that cannot be normalised throws
 * {@link RejectedFactException}: the processing exception handler sends the record to the dead-letter topic.
 * Spend names no person, so no erasure reaches it.
 */
public final class SpendVersions implements Processor<String, byte[], String, SpendChange> {
    private static final JsonSerde<RawSpend> JSON = JsonSerde.of(RawSpend.class);
    private final FactNormaliser normaliser;
    private final Runnable arrived;
    private KeyValueStore<String, Spend> versions;
    private ProcessorContext<String, SpendChange> context;

    private SpendVersions(FactNormaliser normaliser, Runnable arrived) {
        this.normaliser = normaliser;
        this.arrived = arrived;
    }

    /** @param arrived told of every record read, before anything can reject it */
    public static ProcessorSupplier<String, byte[], String, SpendChange> processor(FactNormaliser normaliser,
            Runnable arrived) {
        StoreBuilder<KeyValueStore<String, Spend>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.SPEND_VERSIONS), Serdes.String(), JsonSerde.of(Spend.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, byte[], String, SpendChange> get() {
                return new SpendVersions(normaliser, arrived);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SpendChange> context) {
        this.context = context;
        this.versions = context.getStateStore(Names.SPEND_VERSIONS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        arrived.run();
        Spend fact = record.value() == null ? null : normaliser.spend(InputRecords.parse(JSON, record.value()));
        String key = InputRecords.id(Text.clean(record.key()), fact == null ? null : fact.spendId(), "spend_id");
        Spend before = versions.get(key);
        if (Objects.equals(before, fact)) {
            return;
        }
        if (fact == null) {
            versions.delete(key);
        } else {
            versions.put(key, fact);
        }
        context.forward(record.withKey(key).withValue(new SpendChange(before, fact)));
    }
}
