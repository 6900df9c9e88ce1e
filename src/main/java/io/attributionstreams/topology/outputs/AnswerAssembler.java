package io.attributionstreams.topology.outputs;

import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.contract.UpdateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads answers back from {@code attribution-updates} records in the order of their partition, as
 * {@link AnswerParts} wrote them: part records are held until their answer record comes, which then
 * comes out whole. What every reader of the topic in this project uses (export, the live feed, the
 * version check, the tests); docs/consuming.md shows the same loop for other clients.
 */
public final class AnswerAssembler {
    /** Part records not yet claimed by their answer record, by key. */
    private final Map<String, AttributionUpdate> pending = new HashMap<>();

    /** An answer, whole, or its removal (a null update). */
    public record Answer(String key, AttributionUpdate update) {
        public boolean removed() {
            return update == null;
        }
    }

    /**
     * Takes the next record. A part record (or its tombstone) gives nothing yet; an answer record gives the
     * whole answer, an answer tombstone the removal.
     *
     * @throws IllegalStateException when an answer record's parts are not all there at its version: a
     *     reader that is not {@code read_committed}, or that skipped records
     */
    public Optional<Answer> accept(String key, AttributionUpdate value) {
        UpdateKey parsed = UpdateKey.parse(key);
        if (parsed.isPart()) {
            if (value == null) {
                pending.remove(key);
            } else {
                pending.put(key, value);
            }
            return Optional.empty();
        }
        if (value == null || !value.isSplit()) {
            return Optional.of(new Answer(key, value));
        }
        List<AttributionUpdate> parts = new ArrayList<>(value.parts());
        for (int n = 1; n <= value.parts(); n++) {
            String partKey = UpdateKey.partKey(key, n);
            AttributionUpdate part = pending.get(partKey);
            if (part == null || part.version() != value.version()) {
                throw new IllegalStateException("answer " + key + " version " + value.version() + " lacks part " + n
                        + " of " + value.parts() + (part == null ? "" : " (found version " + part.version() + ")"));
            }
            parts.add(part);
        }
        for (int n = 1; n <= value.parts(); n++) {
            pending.remove(UpdateKey.partKey(key, n));
        }
        AttributionUpdate whole = value.joined(parts);
        if (value.touchpointCount() != null && whole.touchpoints().size() != value.touchpointCount()) {
            throw new IllegalStateException("answer " + key + " version " + value.version() + " has "
                    + whole.touchpoints().size() + " touchpoints in its parts, not " + value.touchpointCount());
        }
        return Optional.of(new Answer(key, whole));
    }
}
