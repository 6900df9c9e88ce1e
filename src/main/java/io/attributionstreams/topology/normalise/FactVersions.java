package io.attributionstreams.topology.normalise;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 1, by fact id: normalise the incoming fact, compare it with the last version (kept in a
 * store, so that an update or delete can retract what the old version asserted), give a changed
 * fact the next revision, and emit the events the change implies. An identical repeat stops here.
 *
 * <p>A fact that cannot be normalised throws {@link RejectedFactException}: the processing
 * exception handler sends the original record to the dead-letter topic and processing goes on.
 *
 * @param <R> the raw fact as its JSON arrives (no value at all is a tombstone, which deletes the fact)
 * @param <F> the normalised fact
 */
abstract class FactVersions<R, F> implements Processor<String, byte[], String, GraphEvent> {
    private final String storeName;
    private final String idField;
    private final JsonSerde<R> json;
    private final Runnable arrived;
    private KeyValueStore<String, Versioned<F>> versions;
    private ProcessorContext<String, GraphEvent> context;

    /**
     * @param idField the name of the fact's id in its JSON form, for reject reasons
     * @param arrived told of every record read, before anything can reject it
     */
    FactVersions(String storeName, String idField, JsonSerde<R> json, Runnable arrived) {
        this.storeName = storeName;
        this.idField = idField;
        this.json = json;
        this.arrived = arrived;
    }

    @Override
    public void init(ProcessorContext<String, GraphEvent> context) {
        this.context = context;
        this.versions = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        arrived.run();
        F fact = record.value() == null ? null : normalise(parse(record.value()));
        // the key decides the partition, and so which task keeps the fact's versions: it must be the id
        String key = Text.clean(record.key());
        if (fact == null && key == null) {
            throw new RejectedFactException("a tombstone needs the fact id as its key");
        }
        if (fact != null && !idOf(fact).equals(key)) {
            throw new RejectedFactException("key does not match " + idField);
        }
        String id = fact == null ? key : idOf(fact);
        Versioned<F> previous = versions.get(id);
        F before = previous == null ? null : previous.fact();
        if (fact == null ? before == null : same(before, fact)) {
            return;
        }
        long revision = previous == null ? 1 : previous.revision() + 1;
        versions.put(id, new Versioned<>(fact, revision));
        for (Keyed<GraphEvent> event : changes(id, before, fact, revision)) {
            context.forward(record.withKey(event.key()).withValue(event.value()));
        }
    }

    /**
     * JSON is read here rather than by the source's deserializer, so that unreadable bytes take the
     * same dead-letter path as any other rejected fact (the processing exception handler).
     */
    private R parse(byte[] bytes) {
        try {
            return json.fromBytes(bytes);
        } catch (SerializationException e) {
            throw new RejectedFactException("unreadable record: " + Text.excerpt(e.getMessage()));
        }
    }

    abstract F normalise(R raw);

    abstract String idOf(F fact);

    /** Whether the new version asserts nothing new; by default plain equality. */
    boolean same(F before, F after) {
        return after.equals(before);
    }

    /**
     * The events that turn what {@code before} asserted into what {@code after} asserts.
     *
     * @param before the previous version, null if none or deleted
     * @param after the new version, null when deleted
     */
    abstract List<Keyed<GraphEvent>> changes(String id, F before, F after, long revision);
}
