package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.attribution.OutcomeDigest;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.ChannelTotals;
import io.attributionstreams.conversion.ConversionType;
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

    /**
     * @param outcome the answer now, or null when the customer has none
     * @param digest its {@link OutcomeDigest}, null with it
     */
    static EmittedAnswer of(long version, ConversionType type, String model, Outcome outcome, String digest) {
        if (outcome == null) {
            return new EmittedAnswer(version, type, model, null, false, Map.of());
        }
        Map<String, ChannelTotal> channels = new TreeMap<>();
        ChannelTotals.contribution(outcome).forEach((key, part) -> channels.put(key.channel(), part));
        return new EmittedAnswer(version, type, model, digest, outcome.attributed(), channels);
    }

    /** What the answer added to the channel totals, by channel key. */
    Map<ChannelKey, ChannelTotal> contribution() {
        Map<ChannelKey, ChannelTotal> parts = new TreeMap<>();
        channels.forEach((channel, part) -> parts.put(new ChannelKey(type, model, channel), part));
        return parts;
    }
}
