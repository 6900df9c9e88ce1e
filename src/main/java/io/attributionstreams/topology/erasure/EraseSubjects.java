package io.attributionstreams.topology.erasure;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.privacy.ErasureRequest;
import io.attributionstreams.privacy.ErasureSubjects;
import io.attributionstreams.topology.serde.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Erasure requests (docs/contract.md §11) become suppressions: each usable subject of a request, as its
 * keyed pseudonym, is one record of the engine's suppressions topic, so no raw value goes further than
 * this processor. A request with no usable subject, or that cannot be read, is a dead letter whose reason
 * names no value; a tombstone (a request withdrawn) changes nothing, since an erasure cannot be undone by
 * its sender.
 */
final class EraseSubjects implements Processor<String, byte[], String, SuppressionRecord> {
    private static final JsonSerde<ErasureRequest> JSON = JsonSerde.of(ErasureRequest.class);

    private final ErasureSubjects subjects;
    private final Runnable read;
    private ProcessorContext<String, SuppressionRecord> context;

    EraseSubjects(ErasureSubjects subjects, Runnable read) {
        this.subjects = subjects;
        this.read = read;
    }

    @Override
    public void init(ProcessorContext<String, SuppressionRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        read.run();
        if (record.value() == null) {
            return;
        }
        ErasureRequest request;
        try {
            request = JSON.fromBytes(record.value());
        } catch (SerializationException e) {
            throw new RejectedFactException("unreadable record: " + Text.excerpt(e.getMessage()));
        }
        Set<String> pseudonyms;
        try {
            pseudonyms = subjects.of(request);
        } catch (IllegalArgumentException e) {
            throw new RejectedFactException(e.getMessage());
        }
        if (pseudonyms.isEmpty()) {
            throw new RejectedFactException("no valid subject to erase");
        }
        SuppressionRecord value = new SuppressionRecord(record.timestamp());
        for (String pseudonym : pseudonyms) {
            context.forward(new Record<>(pseudonym, value, record.timestamp()));
        }
    }
}
