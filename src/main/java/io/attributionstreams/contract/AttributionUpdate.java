package io.attributionstreams.contract;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A record on {@code attribution-updates} (schema {@code schemas/attribution-updates.schema.json}):
 * one customer's answer for one (conversion type, model), with the version that rises by one each
 * time the answer changes. Times are ISO-8601 UTC strings, money a string with two decimals (exact
 * in every client), credit a JSON number with up to 34 significant digits.
 *
 * <p>An answer too large for one record (the topology's {@code AnswerParts} splits it) is an answer
 * record with no touchpoints, {@code parts} and {@code touchpoint_count} set, preceded in the same
 * transaction and partition by its part records ({@link UpdateKey}): each holds {@code part},
 * {@code parts}, the version and a run of the touchpoints, in order. {@code part}, {@code parts} and
 * {@code touchpoint_count} are absent on an answer that fits in one record.
 *
 * <p>Part of the output contract: the batch engine, the topology, export and the query side share it.
 */
public record AttributionUpdate(
        String customerId,
        String conversionType,
        String model,
        long version,
        String conversionAt,
        String revenue,
        List<Touchpoint> touchpoints,
        Integer part,
        Integer parts,
        Integer touchpointCount,
        String settings) {

    /** One crediting touchpoint, in touchpoint order. */
    public record Touchpoint(
            String interactionId,
            String type,
            String channel,
            String campaign,
            String occurredAt,
            BigDecimal credit,
            String revenue) {
    }

    public AttributionUpdate {
        touchpoints = touchpoints == null ? List.of() : touchpoints;
    }

    /** A whole answer in one record. */
    public AttributionUpdate(String customerId, String conversionType, String model, long version,
            String conversionAt, String revenue, List<Touchpoint> touchpoints, String settings) {
        this(customerId, conversionType, model, version, conversionAt, revenue, touchpoints, null, null, null,
                settings);
    }

    /**
     * @param settings the fingerprint of the settings that made it ({@code SettingsFingerprint}); the
     *     topic's readers see which settings made each answer
     */
    public static AttributionUpdate of(Outcome outcome, long version, String settings) {
        return new AttributionUpdate(outcome.customerId(), outcome.type().name(), outcome.model(), version,
                outcome.conversionAt() == null ? null : Formats.time(outcome.conversionAt()),
                Money.format(outcome.revenueCents()),
                outcome.touchpoints().stream().map(AttributionUpdate::touchpoint).toList(), settings);
    }

    private static Touchpoint touchpoint(CreditedTouchpoint t) {
        return new Touchpoint(t.interactionId(), t.type().label(), t.channel(), t.campaign(),
                Formats.time(t.occurredAt()), t.credit(), Money.format(t.revenueCents()));
    }

    /** Its key on the topic: {@code customer|type|model}, or {@code customer|type|model|n} for part n. */
    public String key() {
        String answerKey = UpdateKey.answerKey(customerId, conversionType, model);
        return isPart() ? UpdateKey.partKey(answerKey, part) : answerKey;
    }

    public boolean isPart() {
        return part != null;
    }

    /** Whether this answer record's touchpoints travel in part records. */
    public boolean isSplit() {
        return !isPart() && parts != null;
    }

    /** The answer record of a split answer: no touchpoints, but their count and the number of parts. */
    public AttributionUpdate header(int partCount) {
        return new AttributionUpdate(customerId, conversionType, model, version, conversionAt, revenue, List.of(),
                null, partCount, touchpoints.size(), settings);
    }

    /** Part {@code n} of {@code partCount}, with a run of the touchpoints. */
    public AttributionUpdate part(int n, int partCount, List<Touchpoint> run) {
        return new AttributionUpdate(customerId, conversionType, model, version, null, null, run, n, partCount,
                null, settings);
    }

    /** This answer record with the touchpoints of its parts, in part order: the whole answer. */
    public AttributionUpdate joined(List<AttributionUpdate> partsInOrder) {
        List<Touchpoint> all = new ArrayList<>(touchpointCount == null ? 0 : touchpointCount);
        partsInOrder.forEach(p -> all.addAll(p.touchpoints()));
        return new AttributionUpdate(customerId, conversionType, model, version, conversionAt, revenue,
                List.copyOf(all), settings);
    }
}
