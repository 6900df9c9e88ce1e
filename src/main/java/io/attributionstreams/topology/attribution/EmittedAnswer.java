package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.attribution.OutcomeDigest;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.Names;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the attribute step remembers of the last answer for one (customer, type, model): not the
 * answer, whose size grows with the customer's touchpoints and which the customer's facts give
 * again, but what deciding and diffing need. Kept after a tombstone, so that a returning answer
 * continues the count.
 *
 * @param version of the last record emitted for the key (0: none yet)
 * @param digest {@link OutcomeDigest} of the last answer; null when the customer has none
 * @param attributed whether that answer had touchpoints (a record on the topic, not a tombstone)
 * @param channels what that answer added to each channel (for the channel deltas); empty when none
 */
public record EmittedAnswer(long version, ConversionType type, String model, String digest, boolean attributed,
        Map<String, ChannelTotal> channels) {

    public EmittedAnswer {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    /** Its key in {@code customer-answers}: the customer first, so that a prefix scan finds its answers. */
    public static String storeKey(String customerId, ConversionType type, String model) {
        return Names.compositeKey(customerId, type.name() + '|' + model);
    }

    /**
     * @param digest the outcome's {@link OutcomeDigest}
     * @param contribution what it adds to the channel totals ({@link ChannelTotals#contribution})
     */
    static EmittedAnswer of(long version, Outcome outcome, String digest, Map<ChannelKey, ChannelTotal> contribution) {
        Map<String, ChannelTotal> channels = new TreeMap<>();
        contribution.forEach((key, part) -> channels.put(key.channel(), part));
        return new EmittedAnswer(version, outcome.type(), outcome.model(), digest, outcome.attributed(), channels);
    }

    /** The customer has no answer for (type, model) now; the version stays for a returning one. */
    static EmittedAnswer none(long version, ConversionType type, String model) {
        return new EmittedAnswer(version, type, model, null, false, Map.of());
    }

    /** What the answer added to the channel totals, by channel key. */
    Map<ChannelKey, ChannelTotal> contribution() {
        Map<ChannelKey, ChannelTotal> parts = new TreeMap<>();
        channels.forEach((channel, part) -> parts.put(new ChannelKey(type, model, channel), part));
        return parts;
    }
}
