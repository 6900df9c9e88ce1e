package io.attributionstreams.revenue;

import io.attributionstreams.credit.Fraction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a revenue in cents by credit so that the parts sum to it exactly (docs/contract.md §6):
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
    public static BigInteger[] allocate(List<Fraction> credits, BigInteger totalCents) {
        int n = credits.size();
        BigInteger[] cents = new BigInteger[n];
        if (totalCents.bitLength() < 63) {
            // every revenue a business sees: the long arithmetic below, with no overflow possible
            long[] small = allocate(credits, totalCents.longValue());
            for (int i = 0; i < n; i++) {
                cents[i] = BigInteger.valueOf(small[i]);
            }
            return cents;
        }
        Fraction[] dropped = new Fraction[n];
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            Fraction.BigFloorAndRest share = credits.get(i).timesFloor(totalCents);
            cents[i] = share.floor();
            dropped[i] = share.rest();
            allocated = allocated.add(cents[i]);
        }
        BigInteger missing = totalCents.subtract(allocated);
        if (missing.signum() < 0 || missing.compareTo(BigInteger.valueOf(n)) > 0) {
            throw new IllegalArgumentException("credits do not sum to one: " + credits);
        }
        List<Integer> order = largestFirst(dropped);
        for (int k = 0; k < missing.intValue(); k++) {
            cents[order.get(k)] = cents[order.get(k)].add(BigInteger.ONE);
        }
        return cents;
    }

    /**
     * {@link #allocate(List, BigInteger)} for a revenue whose shares fit in a long (|total| < 2^62,
     * so that a floor and the running sum cannot overflow).
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
        List<Integer> order = largestFirst(dropped);
        for (int k = 0; k < missing; k++) {
            cents[order.get(k)]++;
        }
        return cents;
    }

    /** Indexes by dropped fraction, largest first; the stable sort keeps touchpoint order among ties. */
    private static List<Integer> largestFirst(Fraction[] dropped) {
        List<Integer> order = new ArrayList<>(dropped.length);
        for (int i = 0; i < dropped.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> dropped[b].compareTo(dropped[a]));
        return order;
    }
}
