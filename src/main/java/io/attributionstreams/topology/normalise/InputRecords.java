package io.attributionstreams.topology.normalise;

import io.attributionstreams.normalise.RejectedFactException;
import io.attributionstreams.normalise.Text;
import io.attributionstreams.topology.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The checks every input record of step 1 passes, facts and spend alike; what fails them is a
 * {@link RejectedFactException}, which the processing exception handler sends to the dead-letter topic.
 */
public final class InputRecords {
    private InputRecords() {
    }

    /**
     * The record's value read as JSON. Read here rather than by the source's deserializer, so that unreadable
     * bytes take the same dead-letter path as any other rejected fact.
     */
    public static <R> R parse(JsonSerde<R> json, byte[] bytes) {
        try {
            return json.fromBytes(bytes);
        } catch (SerializationException e) {
            throw new RejectedFactException("unreadable record: " + Text.excerpt(e.getMessage()));
        }
    }

    /**
     * The fact's id, which must be the record's key: the key decides the partition, and so which task keeps the
     * fact's versions. A tombstone ({@code factId} null) is the deletion of the fact its key names.
     *
     * @param key the record's key, cleaned
     * @param factId the normalised fact's id; null for a tombstone
     * @param idField the id's field name, for the error
     */
    public static String id(String key, String factId, String idField) {
        if (factId == null && key == null) {
            throw new RejectedFactException("a tombstone needs the fact id as its key");
        }
        if (factId != null && !factId.equals(key)) {
            throw new RejectedFactException("key does not match " + idField);
        }
        return factId == null ? key : factId;
    }
}
