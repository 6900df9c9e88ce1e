package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.util.Collections;
import java.util.List;

/** All credit to the first touchpoint. */
public final class FirstTouch implements CreditModel {
    @Override
    public String name() {
        return "first_touch";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        List<Fraction> weights = new java.util.ArrayList<>(Collections.nCopies(touchpoints.size(), Fraction.ZERO));
        weights.set(0, Fraction.ONE);
        return weights;
    }
}
