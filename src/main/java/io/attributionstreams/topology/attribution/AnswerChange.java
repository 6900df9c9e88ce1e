package io.attributionstreams.topology.attribution;

import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.AttributionUpdate;
import io.attributionstreams.topology.markov.JourneyChange;

/**
 * What the attribution step emits: a record for {@code attribution-updates} (null update for a
 * tombstone), keyed {@code customer|type|model}; a delta for the channel totals, keyed
 * {@code type|model|channel}; or, when {@code markov} runs, a customer's path that changed, keyed by the
 * conversion type.
 */
public record AnswerChange(AttributionUpdate update, ChannelTotal delta, JourneyChange path) {
    public static AnswerChange update(AttributionUpdate update) {
        return new AnswerChange(update, null, null);
    }

    public static AnswerChange delta(ChannelTotal delta) {
        return new AnswerChange(null, delta, null);
    }

    public static AnswerChange path(JourneyChange path) {
        return new AnswerChange(null, null, path);
    }

    public boolean isDelta() {
        return delta != null;
    }

    public boolean isPath() {
        return path != null;
    }
}
