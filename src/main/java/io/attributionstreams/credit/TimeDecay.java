package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Weight {@code 2^(-(ref - occurred_at) / half_life)}, computed in double precision as the
 * contract says. The reference time is the conversion, or for FIRST_CONTACT the latest touchpoint.
 */
public final class TimeDecay implements CreditModel {
    @Override
    public String name() {
        return "time_decay";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        Instant ref = context.conversionAt() != null
                ? context.conversionAt()
                : touchpoints.get(touchpoints.size() - 1).occurredAt();
        double halfLifeMillis = context.halfLife().toMillis();
        List<Fraction> weights = new ArrayList<>(touchpoints.size());
        for (Interaction t : touchpoints) {
            double ageMillis = ref.toEpochMilli() - t.occurredAt().toEpochMilli();
            weights.add(Fraction.ofDouble(Math.pow(2.0, -ageMillis / halfLifeMillis)));
        }
        return weights;
    }
}
