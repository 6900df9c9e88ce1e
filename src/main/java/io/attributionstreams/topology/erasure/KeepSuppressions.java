package io.attributionstreams.topology.erasure;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global store's processor: a suppression record puts its pseudonym, a tombstone removes it (an
 * operator's undo; it brings back nothing already erased). Values are kept as bytes, never read.
 */
final class KeepSuppressions implements Processor<String, byte[], Void, Void> {
    private final Erasure erasure;
    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    KeepSuppressions(Erasure erasure, String storeName) {
        this.erasure = erasure;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        erasure.attach(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        erasure.changed();
    }
}
