package io.attributionstreams.revenue;

import io.attributionstreams.credit.Fraction;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a revenue in cents by credit so that the parts sum to it exactly (SEMANTICS section 6):
 * floor each exact share, then give one more cent to the largest dropped fractions, ties going
 * to the earlier touchpoint.
 */
public final class LargestRemainder {
    private LargestRemainder() {
    }

    /**
     * @param credits exact credits in touchpoint order, summing to one
     * @param totalCents the revenue to split, possibly negative or zero
     * @return the cents of each touchpoint, in the same order
     */
    public static long[] allocate(List<Fraction> credits, long totalCents) {
        int n = credits.size();
        long[] cents = new long[n];
        Fraction[] dropped = new Fraction[n];
        long allocated = 0;
        for (int i = 0; i < n; i++) {
            Fraction.FloorAndRest share = credits.get(i).timesFloor(totalCents);
            cents[i] = share.floor();
            dropped[i] = share.rest();
            allocated += cents[i];
        }
        long missing = totalCents - allocated;
        if (missing < 0 || missing > n) {
            throw new IllegalArgumentException("credits do not sum to one: " + credits);
        }
        if (missing == 0) {
            return cents;
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // largest dropped fraction first; the stable sort keeps touchpoint order among ties
        order.sort((a, b) -> dropped[b].compareTo(dropped[a]));
        for (int k = 0; k < missing; k++) {
            cents[order.get(k)]++;
        }
        return cents;
    }
}
