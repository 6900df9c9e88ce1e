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
 * and b those into (conversion). Removing channel c sends every transition into c to (null), which takes
 * away the conversions of exactly the walks that reach c: one inverse of {@code I - Q} (Gauss-Jordan with
 * partial pivoting) gives every channel's effect, in m^3 steps for m states rather than m^4 for a system
 * solved per channel.
 */
public final class RemovalEffects {
    private RemovalEffects() {
    }

    /**
     * The most channels a chain may have for its removal effects to be solved: beyond it a conversion type
     * has no markov rows (docs/contract.md §14). The fundamental matrix takes m x m doubles and m^3 steps: five
     * hundred channels are 2 MB and under two seconds; real data names tens.
     */
    public static final int MAX_CHANNELS = 500;

    /**
     * The channels' rows, by channel name; empty when nothing converts, every removal effect is 0, or the
     * chain has more than {@link #MAX_CHANNELS} channels.
     */
    public static List<MarkovChannel> solve(PathCounts counts) {
        if (counts.conversions() <= 0) {
            return List.of();
        }
        Chain chain = Chain.of(counts);
        int channels = chain.states.size() - 1;
        if (channels > MAX_CHANNELS) {
            return List.of();
        }
        double[] effects = chain.removalEffects();
        if (effects == null) {
            return List.of();
        }
        double sum = 0;
        for (double effect : effects) {
            sum += effect;
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

        /**
         * Each channel's removal effect, or null when P is 0. With N = (I - Q)^-1 the fundamental matrix and x
         * the probabilities of converting from each state, removing c (every transition into it sent to
         * (null)) takes away exactly the conversions of walks that visit c: P_c = x_start - h_c x_c, where
         * h_c = N[start][c] / N[c][c] is the probability that a walk from the start ever reaches c.
         */
        double[] removalEffects() {
            int m = states.size();
            double[][] inverse = inverse(m);
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    sum += inverse[i][j] * toConversion[j];
                }
                x[i] = sum;
            }
            double p = x[0];
            if (!(p > 0)) {
                return null;
            }
            double[] effects = new double[m - 1];
            for (int c = 1; c < m; c++) {
                double reach = inverse[0][c] / inverse[c][c];
                double effect = reach * x[c] / p; // 1 - (p - reach * x_c) / p
                effects[c - 1] = Math.max(0, Math.min(1, effect)); // rounding must not leave [0, 1]
            }
            return effects;
        }

        /** (I - Q)^-1 by Gauss-Jordan elimination with partial pivoting. */
        private double[][] inverse(int m) {
            double[][] a = new double[m][2 * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    a[i][j] = (i == j ? 1 : 0) - toState[i][j];
                }
                a[i][m + i] = 1;
            }
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
                for (int k = 0; k < 2 * m; k++) {
                    a[col][k] /= diagonal;
                }
                for (int r = 0; r < m; r++) {
                    double factor = a[r][col];
                    if (r != col && factor != 0) {
                        for (int k = col; k < 2 * m; k++) {
                            a[r][k] -= factor * a[col][k];
                        }
                    }
                }
            }
            double[][] inverse = new double[m][m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(a[i], m, inverse[i], 0, m);
            }
            return inverse;
        }
    }
}
