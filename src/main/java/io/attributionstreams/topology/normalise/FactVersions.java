package io.attributionstreams.topology.normalise;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.SuppressedFactException;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.privacy.ErasedFacts;
import io.attributionstreams.topology.Names;
import io.attributionstreams.topology.erasure.Erasure;
import io.attributionstreams.topology.erasure.ScanState;
import io.attributionstreams.topology.events.GraphEvent;
import io.attributionstreams.topology.events.Keyed;
import io.attributionstreams.topology.events.Versioned;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Step 1, by fact id: normalise the incoming fact, compare it with the last version (kept in a
 * store, so that an update or delete can retract what the old version asserted), give a changed
 * fact the next revision, and emit the events the change implies. An identical repeat stops here.
 *
 * <p>A fact that cannot be normalised throws {@link RejectedFactException}: the processing
 * exception handler sends the original record to the dead-letter topic and processing goes on.
 *
 * <p>Erasure (docs/contract.md §11): a fact that arrives with nothing but suppressed subjects is handled as
 * if it were deleted (what its last version asserted is retracted), neither kept nor dead-lettered. Facts
 * kept from before an erasure are reached by a scan of the versions store, a budget of rows a punctuation,
 * whenever the suppressions changed since the last complete scan: a fact that changes is stored and sent
 * on as an update or delete would be. A customer whose id is suppressed loses its row outright, so that
 * no stored value or key keeps its id (the gate stops it from ever coming back).
 *
 * @param <R> the raw fact as its JSON arrives (no value at all is a tombstone, which deletes the fact)
 * @param <F> the normalised fact
 */
abstract class FactVersions<R, F> implements Processor<String, byte[], String, GraphEvent> {
    private final String storeName;
    private final String idField;
    private final JsonSerde<R> json;
    private final Runnable arrived;
    private final Erasure erasure;
    private KeyValueStore<String, Versioned<F>> versions;
    private KeyValueStore<String, ScanState> scans;
    private KeyValueStore<String, Long> marks;
    private ProcessorContext<String, GraphEvent> context;
    /** The instance's change counter of the suppressions when the last scan began (not kept: see purge). */
    private long changesAtScan;

    /**
     * @param idField the name of the fact's id in its JSON form, for reject reasons
     * @param arrived told of every record read, before anything can reject it
     * @param erasure the suppressed subjects (the normaliser asks them too, on arrival)
     */
    FactVersions(String storeName, String idField, JsonSerde<R> json, Runnable arrived, Erasure erasure) {
        this.storeName = storeName;
        this.idField = idField;
        this.json = json;
        this.arrived = arrived;
        this.erasure = erasure;
    }

    @Override
    public void init(ProcessorContext<String, GraphEvent> context) {
        this.context = context;
        this.versions = context.getStateStore(storeName);
        this.scans = context.getStateStore(Names.ERASURE_SCANS);
        this.marks = context.getStateStore(Names.ERASURE_MARKS);
        erasure.attach(context);
        changesAtScan = erasure.changes();
        context.schedule(Erasure.SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        arrived.run();
        R raw = record.value() == null ? null : parse(record.value());
        // the key decides the partition, and so which task keeps the fact's versions: it must be the id
        String key = Text.clean(record.key());
        F fact;
        try {
            fact = raw == null ? null : normalise(raw);
        } catch (SuppressedFactException e) {
            // counted by the normaliser; a record keyed by another fact's id may not retract that fact
            if (key != null && key.equals(Text.clean(rawId(raw)))) {
                erase(key, record.timestamp());
            }
            return;
        }
        String id = InputRecords.id(key, fact == null ? null : idOf(fact), idField);
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

    /** Retracts what the fact's last version asserted, as a delete would: its subjects are suppressed. */
    private void erase(String id, long timestamp) {
        Versioned<F> previous = versions.get(id);
        if (previous == null) {
            return;
        }
        if (previous.fact() == null) {
            if (forgetsErasedRow()) {
                forget(id, previous, timestamp);
            }
            return;
        }
        store(id, previous, null, timestamp);
    }

    /** Removes the row of a fact deleted before its erasure, and tells the later steps to forget it too. */
    private void forget(String id, Versioned<F> deleted, long timestamp) {
        versions.delete(id);
        for (Keyed<GraphEvent> event : forgotten(id, deleted.revision() + 1)) {
            context.forward(new Record<>(event.key(), event.value(), timestamp));
        }
    }

    /** Stores {@code after} (null: deleted) as the next revision after {@code previous}, and sends the changes. */
    private void store(String id, Versioned<F> previous, F after, long timestamp) {
        long revision = previous.revision() + 1;
        if (after == null && forgetsErasedRow()) {
            versions.delete(id);
        } else {
            versions.put(id, new Versioned<>(after, revision));
        }
        for (Keyed<GraphEvent> event : changes(id, previous.fact(), after, revision)) {
            context.forward(new Record<>(event.key(), event.value(), timestamp));
        }
    }

    /**
     * Scans on, a budget of rows, when a scan is under way or the suppressions changed since the last one
     * began: the count of suppressions (kept, so a restart that finds more starts a scan) or this
     * instance's change counter (which also sees one removed and another added). A scan that ends while the
     * suppressions changed starts again at the next punctuation.
     */
    private void purge(long now) {
        ScanState state = scans.get(storeName);
        if (state == null) {
            Long mark = marks.get(storeName);
            long size = erasure.size();
            long changes = erasure.changes();
            boolean due = mark == null ? size > 0 : size != mark || changes != changesAtScan;
            if (!due) {
                return;
            }
            changesAtScan = changes;
            state = new ScanState(null, size);
        }
        ErasedFacts facts = erasure.facts();
        List<KeyValue<String, Versioned<F>>> erased = new ArrayList<>();
        List<F> filtered = new ArrayList<>();
        List<KeyValue<String, Versioned<F>>> forgotten = new ArrayList<>();
        String cursor = state.after();
        boolean done;
        int read = 0;
        try (KeyValueIterator<String, Versioned<F>> rows = cursor == null ? versions.all()
                : versions.range(cursor, null)) {
            while (read < Erasure.SCAN_BUDGET && rows.hasNext()) {
                KeyValue<String, Versioned<F>> row = rows.next();
                if (row.key.equals(state.after())) {
                    continue;
                }
                read++;
                F before = row.value.fact();
                if (before == null) {
                    // a fact deleted before: only a customer's row can hold an erased subject, in its key
                    if (forgetsErasedRow() && facts.customerErased(row.key)) {
                        forgotten.add(row);
                    } else {
                        cursor = row.key;
                    }
                    continue;
                }
                F after = erased(facts, before);
                if (after != before) {
                    erased.add(row);
                    filtered.add(after);
                }
                if (after != null) {
                    cursor = row.key; // never the id of a fact erased here
                }
            }
            done = !rows.hasNext();
        }
        forgotten.forEach(row -> forget(row.key, row.value, now));
        for (int i = 0; i < erased.size(); i++) {
            if (filtered.get(i) == null) {
                erasure.factSuppressed();
            }
            store(erased.get(i).key, erased.get(i).value, filtered.get(i), now);
        }
        if (done) {
            scans.delete(storeName);
            marks.put(storeName, state.suppressions());
        } else {
            scans.put(storeName, new ScanState(cursor, state.suppressions()));
        }
    }

    private R parse(byte[] bytes) {
        return InputRecords.parse(json, bytes);
    }

    abstract F normalise(R raw);

    abstract String idOf(F fact);

    /** The fact's id as it arrived, before normalisation. */
    abstract String rawId(R raw);

    /** The fact without its suppressed subjects; null when nothing else is left; itself when unchanged. */
    abstract F erased(ErasedFacts facts, F fact);

    /**
     * Whether a fact dropped by erasure loses its row outright rather than keeping a deleted revision:
     * where the row's key is itself a suppressed subject (a customer's id).
     */
    boolean forgetsErasedRow() {
        return false;
    }

    /**
     * What the later steps are told when a row deleted before its erasure is forgotten ({@link
     * #forgetsErasedRow}): they may keep marks of the deleted fact under the erased subject.
     */
    List<Keyed<GraphEvent>> forgotten(String id, long revision) {
        return List.of();
    }

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
