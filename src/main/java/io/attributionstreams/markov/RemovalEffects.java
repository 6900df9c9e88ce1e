package io.attributionstreams.markov;

import io.attributionstreams.credit.Fraction;
import io.attributionstreams.revenue.LargestRemainder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Solves the first-order Markov chain of {@link PathCounts} and credits channels by their removal
 * effects (docs/contract.md §14). Pure and deterministic: the states are numbered in a fixed order and
 * the same counts give the same doubles, so the batch engine and the topology agree to the bit.
 *
 * <p>P, the probability of reaching (conversion) from (start), solves {@code x = Q x + b} over the
 * transient states (start and the channels), where Q holds the transition probabilities between them
 * and b those into (conversion). Removing channel c sends every transition into c to (null): its
 * unknown is fixed at 0. Each system is solved by Gaussian elimination with partial pivoting.
 */
public final class RemovalEffects {
    private RemovalEffects() {
    }

    /** The channels' rows, by channel name; empty when nothing converts or every removal effect is 0. */
    public static List<MarkovChannel> solve(PathCounts counts) {
        if (counts.conversions() <= 0) {
            return List.of();
        }
        Chain chain = Chain.of(counts);
        double p = chain.conversionProbability(-1);
        if (!(p > 0)) {
            return List.of();
        }
        int channels = chain.states.size() - 1;
        double[] effects = new double[channels];
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            double effect = 1 - chain.conversionProbability(c + 1) / p;
            effects[c] = Math.max(0, Math.min(1, effect)); // rounding must not leave [0, 1]
            sum += effects[c];
        }
        if (!(sum > 0)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<Fraction> shares = new ArrayList<>();
        Fraction total = Fraction.ZERO;
        for (int c = 0; c < channels; c++) {
            if (effects[c] > 0) {
                Fraction effect = Fraction.ofDouble(effects[c]);
                names.add(chain.states.get(c + 1).channel());
                shares.add(effect);
                total = total.add(effect);
            }
        }
        for (int i = 0; i < shares.size(); i++) {
            shares.set(i, shares.get(i).divide(total));
        }
        BigInteger[] cents = LargestRemainder.allocate(shares, counts.revenueCents());
        List<MarkovChannel> rows = new ArrayList<>(names.size());
        int next = 0;
        for (int c = 0; c < channels; c++) {
            if (effects[c] > 0) {
                String name = names.get(next);
                double credit = effects[c] / sum * counts.conversions();
                rows.add(new MarkovChannel(name, effects[c], BigDecimal.valueOf(credit), cents[next],
                        counts.touchpoints().getOrDefault(name, 0L)));
                next++;
            }
        }
        return rows;
    }

    /** The transient states (start, then channels by name) with the counts out of each. */
    private record Chain(List<Node> states, double[][] toState, double[] toConversion) {

        static Chain of(PathCounts counts) {
            SortedSet<Node> transient_ = new TreeSet<>();
            transient_.add(Node.START);
            for (Transition t : counts.transitions().keySet()) {
                if (t.from().isChannel()) {
                    transient_.add(t.from());
                }
                if (t.to().isChannel()) {
                    transient_.add(t.to());
                }
            }
            List<Node> states = new ArrayList<>(transient_);
            Map<Node, Integer> index = new HashMap<>();
            for (int i = 0; i < states.size(); i++) {
                index.put(states.get(i), i);
            }
            int m = states.size();
            long[] out = new long[m];
            counts.transitions().forEach((t, n) -> out[index.get(t.from())] += n);
            double[][] toState = new double[m][m];
            double[] toConversion = new double[m];
            counts.transitions().forEach((t, n) -> {
                int from = index.get(t.from());
                if (t.to().isChannel()) {
                    toState[from][index.get(t.to())] = (double) n / out[from];
                } else if (t.to().kind() == Node.Kind.CONVERSION) {
                    toConversion[from] = (double) n / out[from];
                }
            });
            return new Chain(states, toState, toConversion);
        }

        /** P(reach conversion from start), with state {@code removed} sent to (null); -1 removes nothing. */
        double conversionProbability(int removed) {
            int m = states.size();
            double[][] a = new double[m][m + 1];
            for (int i = 0; i < m; i++) {
                a[i][i] = 1;
                if (i == removed) {
                    continue; // x_removed = 0
                }
                for (int j = 0; j < m; j++) {
                    if (j != removed) {
                        a[i][j] -= toState[i][j];
                    }
                }
                a[i][m] = toConversion[i];
            }
            return solve(a)[0];
        }

        /** Gaussian elimination with partial pivoting on the augmented matrix {@code a}. */
        private static double[] solve(double[][] a) {
            int m = a.length;
            for (int col = 0; col < m; col++) {
                int pivot = col;
                for (int r = col + 1; r < m; r++) {
                    if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                        pivot = r;
                    }
                }
                double[] swap = a[col];
                a[col] = a[pivot];
                a[pivot] = swap;
                double diagonal = a[col][col];
                if (diagonal == 0) {
                    continue; // a state no path leaves: unreachable, its probability stays 0
                }
                for (int r = col + 1; r < m; r++) {
                    double factor = a[r][col] / diagonal;
                    if (factor != 0) {
                        for (int k = col; k <= m; k++) {
                            a[r][k] -= factor * a[col][k];
                        }
                    }
                }
            }
            double[] x = new double[m];
            for (int r = m - 1; r >= 0; r--) {
                double value = a[r][m];
                for (int k = r + 1; k < m; k++) {
                    value -= a[r][k] * x[k];
                }
                x[r] = a[r][r] == 0 ? 0 : value / a[r][r];
            }
            return x;
        }
    }
}
