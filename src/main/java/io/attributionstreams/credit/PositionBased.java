package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.util.ArrayList;
import java.util.List;

/** U-shaped: 40% to the first and to the last, 20% split among those between; 1 and 2 touchpoints share equally. */
public final class PositionBased implements CreditModel {
    private static final Fraction END = Fraction.of(2, 5);
    private static final Fraction MIDDLE = Fraction.of(1, 5);

    @Override
    public String name() {
        return "position_based";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        int n = touchpoints.size();
        List<Fraction> weights = new ArrayList<>(n);
        if (n <= 2) {
            for (int i = 0; i < n; i++) {
                weights.add(Fraction.ONE);
            }
            return weights;
        }
        Fraction between = MIDDLE.divide(Fraction.of(n - 2, 1));
        for (int i = 0; i < n; i++) {
            weights.add(i == 0 || i == n - 1 ? END : between);
        }
        return weights;
    }
}
