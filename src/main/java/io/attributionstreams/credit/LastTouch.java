package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.util.Collections;
import java.util.List;

/** All credit to the last touchpoint before the conversion. */
public final class LastTouch implements CreditModel {
    @Override
    public String name() {
        return "last_touch";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        List<Fraction> weights = new java.util.ArrayList<>(Collections.nCopies(touchpoints.size(), Fraction.ZERO));
        weights.set(touchpoints.size() - 1, Fraction.ONE);
        return weights;
    }
}
