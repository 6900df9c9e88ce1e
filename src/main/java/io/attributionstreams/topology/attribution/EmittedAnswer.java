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
 * @param channels what that answer added to each channel (for the channel deltas); empty when none, or
 *     when {@code spilled}
 * @param spilled whether what it added is kept in {@code answer-channels} instead, an entry per channel
 *     ({@link Contributions}): an answer over very many channels
 * @param parts how many part records carry that answer's touchpoints on the topic (0: one record, or none)
 */
public record EmittedAnswer(long version, ConversionType type, String model, String digest, boolean attributed,
        Map<String, ChannelTotal> channels, boolean spilled, int parts) {

    public EmittedAnswer {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    /** Its key in {@code customer-answers}: the customer first, so that a prefix scan finds its answers. */
    public static String storeKey(String customerId, ConversionType type, String model) {
        return Names.compositeKey(customerId, type.name() + '|' + model);
    }

    /**
     * @param digest the outcome's {@link OutcomeDigest}
     * @param channels what it adds to each channel ({@link ChannelTotals#contribution}), or null when
     *     {@link Contributions} keeps that elsewhere
     */
    static EmittedAnswer of(long version, Outcome outcome, String digest, Map<String, ChannelTotal> channels,
            int parts) {
        return new EmittedAnswer(version, outcome.type(), outcome.model(), digest, outcome.attributed(),
                channels == null ? Map.of() : new TreeMap<>(channels), channels == null, parts);
    }

    /** The customer has no answer for (type, model) now; the version stays for a returning one. */
    static EmittedAnswer none(long version, ConversionType type, String model) {
        return new EmittedAnswer(version, type, model, null, false, Map.of(), false, 0);
    }

    /** What the answer added to the channel totals, by channel key, when kept inline. */
    Map<ChannelKey, ChannelTotal> contribution() {
        return contribution(type, model, channels);
    }

    static Map<ChannelKey, ChannelTotal> contribution(ConversionType type, String model,
            Map<String, ChannelTotal> channels) {
        Map<ChannelKey, ChannelTotal> parts = new TreeMap<>();
        channels.forEach((channel, part) -> parts.put(new ChannelKey(type, model, channel), part));
        return parts;
    }
}
