package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.attribution.OutcomeDigest;
import io.attributionstreams.channels.ChannelKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.topology.Names;
import java.time.YearMonth;
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
 * @param channels what that answer added to each channel, as entries written before the campaign totals
 *     existed kept it; empty in every entry written since (the campaigns give it)
 * @param spilled whether what it added is kept in {@code answer-channels} instead, an entry per channel
 *     and campaign ({@link Contributions}): an answer over very many channels
 * @param parts how many part records carry that answer's touchpoints on the topic (0: one record, or none)
 * @param campaigns what that answer added to each (channel, campaign), keyed
 *     {@code channel<separator>campaign} ({@link Names#KEY_SEPARATOR}); empty when none, or when
 *     {@code spilled}; null in an entry written before the campaign totals existed
 * @param month the month the answer's conversion counts in (docs/contract.md §12), {@code YYYY-MM}; null
 *     when none (or in an entry written before the monthly totals existed)
 */
public record EmittedAnswer(long version, ConversionType type, String model, String digest, boolean attributed,
        Map<String, ChannelTotal> channels, boolean spilled, int parts, Map<String, ChannelTotal> campaigns,
        String month) {

    public EmittedAnswer {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        campaigns = campaigns == null ? null : Map.copyOf(campaigns);
    }

    /** Its key in {@code customer-answers}: the customer first, so that a prefix scan finds its answers. */
    public static String storeKey(String customerId, ConversionType type, String model) {
        return Names.compositeKey(customerId, type.name() + '|' + model);
    }

    /**
     * @param digest the outcome's {@link OutcomeDigest}
     * @param campaigns what it adds to each (channel, campaign), or null when {@link Contributions} keeps
     *     that elsewhere
     * @param month the month its conversion counts in, or null
     */
    static EmittedAnswer of(long version, Outcome outcome, String digest, Map<String, ChannelTotal> campaigns,
            int parts, YearMonth month) {
        return new EmittedAnswer(version, outcome.type(), outcome.model(), digest, outcome.attributed(), Map.of(),
                campaigns == null, parts, campaigns == null ? Map.of() : new TreeMap<>(campaigns),
                month == null ? null : month.toString());
    }

    /** The customer has no answer for (type, model) now; the version stays for a returning one. */
    static EmittedAnswer none(long version, ConversionType type, String model) {
        return new EmittedAnswer(version, type, model, null, false, Map.of(), false, 0, Map.of(), null);
    }

    /** Whether the entry was written before the campaign totals existed: it kept channels alone. */
    boolean keptChannelsAlone() {
        return campaigns == null;
    }

    YearMonth countedIn() {
        return month == null ? null : YearMonth.parse(month);
    }

    static Map<ChannelKey, ChannelTotal> contribution(ConversionType type, String model,
            Map<String, ChannelTotal> channels) {
        Map<ChannelKey, ChannelTotal> parts = new TreeMap<>();
        channels.forEach((channel, part) -> parts.put(new ChannelKey(type, model, channel), part));
        return parts;
    }
}
