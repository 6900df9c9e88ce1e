package io.attributionstreams.topology.outputs;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.CreditRecord;
import io.attributionstreams.topology.Names;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Step 4, beside the updates, in the customer's task, only when {@code attribution.output.credits} is on: each
 * answer written to {@code attribution-updates} again as flat rows, a touchpoint's credit a record, for table sinks
 * (a JDBC sink connector upserts each as a row and deletes it on its tombstone).
 *
 * <p>An answer's rows are all written, with its new version, whenever it changes, and the rows of the
 * touchpoints that left it are tombstoned: so the rows of an answer always carry one version, and a table
 * that applied them holds exactly the answer. Which touchpoints the last answer had is kept in
 * {@code answer-credits}, an entry per (answer, interaction), valued with the version that first wrote it,
 * rather than a list per answer, whose record could outgrow a changelog record as an answer with very many
 * touchpoints does (why answers travel in parts); an entry is written when its row first is, and deleted
 * with it. The parts of a large answer come here before its answer record, in the same call of the
 * attribute step, so an in-memory {@link AnswerAssembler} joins them; nothing is committed in between.
 */
public final class CreditRows implements Processor<String, AttributionUpdate, String, CreditRecord> {
    private AnswerAssembler assembler;
    private ProcessorContext<String, CreditRecord> context;
    private KeyValueStore<String, Long> written;

    private CreditRows() {
    }

    public static ProcessorSupplier<String, AttributionUpdate, String, CreditRecord> processor() {
        StoreBuilder<KeyValueStore<String, Long>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.ANSWER_CREDITS), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AttributionUpdate, String, CreditRecord> get() {
                return new CreditRows();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, CreditRecord> context) {
        this.context = context;
        this.written = context.getStateStore(Names.ANSWER_CREDITS);
        // a task revived after an error starts clean: parts and their answer come in one call of the attribute step
        this.assembler = new AnswerAssembler();
    }

    @Override
    public void process(Record<String, AttributionUpdate> record) {
        Optional<AnswerAssembler.Answer> whole = assembler.accept(record.key(), record.value());
        if (whole.isEmpty()) {
            return;
        }
        String answerKey = whole.get().key();
        AttributionUpdate answer = whole.get().update();
        Set<String> before = rowsOf(answerKey);
        Set<String> now = new HashSet<>();
        if (answer != null) {
            for (AttributionUpdate.Touchpoint t : answer.touchpoints()) {
                CreditRecord row = CreditRecord.of(answer, t);
                now.add(t.interactionId());
                if (!before.contains(t.interactionId())) {
                    written.put(Names.compositeKey(answerKey, t.interactionId()), answer.version());
                }
                context.forward(record.withKey(row.key()).withValue(row));
            }
        }
        for (String gone : before) {
            if (!now.contains(gone)) {
                written.delete(Names.compositeKey(answerKey, gone));
                context.forward(record.withKey(CreditRecord.key(answerKey, gone)).withValue(null));
            }
        }
    }

    /** The interactions of the rows written for the answer's last version. */
    private Set<String> rowsOf(String answerKey) {
        Set<String> ids = new HashSet<>();
        try (KeyValueIterator<String, Long> rows = written.prefixScan(Names.prefixOf(answerKey),
                Serdes.String().serializer())) {
            while (rows.hasNext()) {
                KeyValue<String, Long> row = rows.next();
                ids.add(Names.partOf(row.key));
            }
        }
        return ids;
    }
}
