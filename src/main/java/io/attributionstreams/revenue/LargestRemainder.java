package io.attributionstreams.revenue;

import io.attributionstreams.credit.Fraction;
import java.math.BigInteger;
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
        BigInteger total = BigInteger.valueOf(totalCents);
        List<Fraction> dropped = new ArrayList<>(n);
        long allocated = 0;
        for (int i = 0; i < n; i++) {
            Fraction credit = credits.get(i);
            BigInteger[] qr = credit.numerator().multiply(total).divideAndRemainder(credit.denominator());
            BigInteger floor = qr[0];
            BigInteger remainder = qr[1];
            if (remainder.signum() < 0) {
                floor = floor.subtract(BigInteger.ONE);
                remainder = remainder.add(credit.denominator());
            }
            cents[i] = floor.longValueExact();
            allocated += cents[i];
            dropped.add(Fraction.of(remainder, credit.denominator()));
        }
        long missing = totalCents - allocated;
        if (missing < 0 || missing > n) {
            throw new IllegalArgumentException("credits do not sum to one: " + credits);
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // largest dropped fraction first; the stable sort keeps touchpoint order among ties
        order.sort((a, b) -> dropped.get(b).compareTo(dropped.get(a)));
        for (int k = 0; k < missing; k++) {
            cents[order.get(k)]++;
        }
        return cents;
    }
}
