package io.attributionstreams.topology.attribution;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.AttributionUpdate;

/**
 * What the attribution step emits: either a record for {@code attribution-updates} (null update
 * for a tombstone), keyed {@code customer|type|model}, or a delta for the channel totals, keyed
 * {@code type|model|channel}.
 */
public record AnswerChange(AttributionUpdate update, ChannelTotal delta) {
    public static AnswerChange update(AttributionUpdate update) {
        return new AnswerChange(update, null);
    }

    public static AnswerChange delta(ChannelTotal delta) {
        return new AnswerChange(null, delta);
    }

    public boolean isDelta() {
        return delta != null;
    }
}
