package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.util.Collections;
import java.util.List;

/** An equal share for every touchpoint. */
public final class Linear implements CreditModel {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        return Collections.nCopies(touchpoints.size(), Fraction.ONE);
    }
}
