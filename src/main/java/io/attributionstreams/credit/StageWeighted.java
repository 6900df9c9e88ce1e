package io.attributionstreams.credit;

import io.attributionstreams.facts.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The milestone models of docs/contract.md §13, after HubSpot's and Marketo Measure's W-shaped and
 * full-path models, with our own stages as the lead and deal milestones.
 *
 * <p>Milestones: the first touchpoint, the last, and (as the model asks) the last touchpoint at or
 * before the booking and the attendance. The milestones share 0.9 equally: a milestone that does
 * not exist gives its weight to those that do, and milestones on one touchpoint add up. The other
 * 0.1 goes equally to the touchpoints that hold no milestone, or, when every touchpoint holds one,
 * equally to the milestones.
 */
abstract class StageWeighted implements CreditModel {
    private static final Fraction MILESTONES_SHARE = Fraction.of(9, 10);
    private static final Fraction REST_SHARE = Fraction.of(1, 10);

    /** Whether the attendance is a milestone too (full path) or not (W-shaped). */
    abstract boolean attendanceIsMilestone();

    @Override
    public List<Fraction> weights(List<Interaction> touchpoints, CreditContext context) {
        int n = touchpoints.size();
        List<Integer> milestones = new ArrayList<>(4);
        milestones.add(0);
        addIfPresent(milestones, lastAtOrBefore(touchpoints, context.bookedAt()));
        if (attendanceIsMilestone()) {
            addIfPresent(milestones, lastAtOrBefore(touchpoints, context.attendedAt()));
        }
        milestones.add(n - 1);

        int[] held = new int[n];
        for (int index : milestones) {
            held[index]++;
        }
        int withoutMilestone = 0;
        for (int h : held) {
            withoutMilestone += h == 0 ? 1 : 0;
        }
        Fraction perMilestone = MILESTONES_SHARE.divide(Fraction.of(milestones.size(), 1));
        Fraction perOther = Fraction.ZERO;
        if (withoutMilestone == 0) {
            perMilestone = perMilestone.add(REST_SHARE.divide(Fraction.of(milestones.size(), 1)));
        } else {
            perOther = REST_SHARE.divide(Fraction.of(withoutMilestone, 1));
        }
        List<Fraction> weights = new ArrayList<>(n);
        for (int h : held) {
            weights.add(h == 0 ? perOther : perMilestone.multiply(Fraction.of(h, 1)));
        }
        return weights;
    }

    private static void addIfPresent(List<Integer> milestones, int index) {
        if (index >= 0) {
            milestones.add(index);
        }
    }

    /** The index of the last touchpoint at or before {@code at}; -1 when there is none, or no such time. */
    private static int lastAtOrBefore(List<Interaction> touchpoints, Instant at) {
        if (at == null) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < touchpoints.size() && !touchpoints.get(i).occurredAt().isAfter(at); i++) {
            found = i;
        }
        return found;
    }
}
