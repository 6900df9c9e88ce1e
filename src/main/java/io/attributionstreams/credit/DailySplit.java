package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The seed's model: each calendar day (in the business zone) an equal share, split equally within the day. */
public final class DailySplit implements CreditModel {
    @Override
    public String name() {
        return "daily_split";
    }

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        Map<LocalDate, Integer> perDay = new HashMap<>();
        List<LocalDate> days = new ArrayList<>(touchpoints.size());
        for (Interaction t : touchpoints) {
            LocalDate day = LocalDate.ofInstant(t.occurredAt(), context.zone());
            days.add(day);
            perDay.merge(day, 1, Integer::sum);
        }
        long distinctDays = perDay.size();
        List<Fraction> weights = new ArrayList<>(touchpoints.size());
        for (LocalDate day : days) {
            weights.add(Fraction.of(1, perDay.get(day) * distinctDays));
        }
        return weights;
    }
}
