package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Weight {@code 2^(-(ref - occurred_at) / half_life)}, computed in double precision as the
 * contract says. The reference time is the latest crediting touchpoint: after normalisation that is
 * the same credit as measuring from the conversion (every weight is scaled by one factor), but the
 * latest touchpoint weighs exactly 1, so touchpoints decades before the conversion cannot make every
 * weight underflow to zero.
 */
public final class TimeDecay implements CreditModel {
    @Override
    public String name() {
        return "time_decay";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        Instant ref = touchpoints.get(touchpoints.size() - 1).occurredAt();
        double halfLifeMillis = context.halfLife().toMillis();
        List<Fraction> weights = new ArrayList<>(touchpoints.size());
        for (Interaction t : touchpoints) {
            double ageMillis = ref.toEpochMilli() - t.occurredAt().toEpochMilli();
            weights.add(Fraction.ofDouble(Math.pow(2.0, -ageMillis / halfLifeMillis)));
        }
        return weights;
    }
}
