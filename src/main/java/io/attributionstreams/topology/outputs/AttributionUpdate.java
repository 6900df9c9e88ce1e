package io.attributionstreams.topology.outputs;

import io.attributionstreams.attribution.CreditedTouchpoint;
import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.batch.Formats;
import io.attributionstreams.normalise.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * A record on {@code attribution-updates} (schema {@code schemas/attribution-updates.schema.json}):
 * one customer's answer for one (conversion type, model), with the version that rises by one each
 * time the answer changes. Times are ISO-8601 UTC strings, money a string with two decimals (exact
 * in every client), credit a JSON number.
 */
public record AttributionUpdate(
        String customerId,
        String conversionType,
        String model,
        long version,
        String conversionAt,
        String revenue,
        List<Touchpoint> touchpoints) {

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

    public static AttributionUpdate of(Outcome outcome, long version) {
        return new AttributionUpdate(outcome.customerId(), outcome.type().name(), outcome.model(), version,
                outcome.conversionAt() == null ? null : Formats.time(outcome.conversionAt()),
                Money.format(outcome.revenueCents()),
                outcome.touchpoints().stream().map(AttributionUpdate::touchpoint).toList());
    }

    private static Touchpoint touchpoint(CreditedTouchpoint t) {
        return new Touchpoint(t.interactionId(), t.type().label(), t.channel(), t.campaign(),
                Formats.time(t.occurredAt()), t.credit(), Money.format(t.revenueCents()));
    }

    /** Its key on the topic: {@code customer|type|model}. */
    public String key() {
        return customerId + '|' + conversionType + '|' + model;
    }
}
