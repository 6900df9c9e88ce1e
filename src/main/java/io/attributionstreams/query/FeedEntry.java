package io.attributionstreams.query;

import io.attributionstreams.contract.AttributionUpdate;
import java.math.BigDecimal;
import java.util.Comparator;

/**
 * One line of the dashboard's live feed: which answer changed and its headline, no touchpoint
 * detail and nothing that identifies a person beyond the customer id.
 *
 * @param seq rises by one per entry in this instance's feed (the server-sent event id)
 * @param at when the record was written (its timestamp), ISO-8601 UTC
 * @param version null for a retraction (a tombstone: the answer disappeared)
 * @param topChannel the channel of the touchpoint with the most credit (the first of equals)
 */
public record FeedEntry(long seq, String at, String customerId, String conversionType, String model, Long version,
        String revenue, String topChannel, Integer touchpoints, boolean retracted) {

    /** From a record of {@code attribution-updates}: its key and value (null for a tombstone). */
    static FeedEntry of(long seq, String at, String key, AttributionUpdate update) {
        if (update != null) {
            String top = update.touchpoints().stream()
                    .max(Comparator.comparing(AttributionUpdate.Touchpoint::credit, BigDecimal::compareTo))
                    .map(AttributionUpdate.Touchpoint::channel).orElse(null);
            // a large answer's touchpoints are in its part records, which the feed does not keep: their count stays
            int touchpoints = update.isSplit() ? update.touchpointCount() : update.touchpoints().size();
            return new FeedEntry(seq, at, update.customerId(), update.conversionType(), update.model(),
                    update.version(), update.revenue(), top, touchpoints, false);
        }
        // customer|type|model, and a customer id may itself hold '|': split from the right
        int modelAt = key.lastIndexOf('|');
        int typeAt = key.lastIndexOf('|', modelAt - 1);
        if (modelAt < 0 || typeAt < 0) {
            return new FeedEntry(seq, at, key, null, null, null, null, null, null, true);
        }
        return new FeedEntry(seq, at, key.substring(0, typeAt), key.substring(typeAt + 1, modelAt),
                key.substring(modelAt + 1), null, null, null, null, true);
    }
}
