package io.attributionstreams.markov;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the paths of one conversion type add up to: each transition's count, the number of paths
 * that convert and their summed revenue, and the crediting touchpoints per channel on them. Counts
 * add and subtract exactly, so counts kept by deltas (a customer's old journey out, its new one in)
 * equal counts summed from scratch, and the chain solved from them is the same to the last bit.
 */
public final class PathCounts {
    private final SortedMap<Transition, Long> transitions = new TreeMap<>();
    private final SortedMap<String, Long> touchpoints = new TreeMap<>();
    private long conversions;
    private BigInteger revenueCents = BigInteger.ZERO;

    public void add(Journey journey) {
        change(journey, 1);
    }

    public void remove(Journey journey) {
        change(journey, -1);
    }

    public void addAll(PathCounts other) {
        other.transitions.forEach((t, n) -> merge(transitions, t, n));
        other.touchpoints.forEach((c, n) -> merge(touchpoints, c, n));
        conversions += other.conversions;
        revenueCents = revenueCents.add(other.revenueCents);
    }

    /** Adds a count kept elsewhere (the topology keeps each count as a store entry of its own). */
    public void addTransition(Transition transition, long count) {
        merge(transitions, transition, count);
    }

    public void addTouchpoints(String channel, long count) {
        merge(touchpoints, channel, count);
    }

    public void addConversions(long count) {
        conversions += count;
    }

    public void addRevenue(BigInteger cents) {
        revenueCents = revenueCents.add(cents);
    }

    private void change(Journey journey, int sign) {
        for (Transition t : journey.transitions()) {
            merge(transitions, t, sign);
        }
        journey.touchpoints().forEach((c, n) -> merge(touchpoints, c, sign * n));
        if (journey.converted()) {
            conversions += sign;
            revenueCents = sign > 0 ? revenueCents.add(journey.revenueCents())
                    : revenueCents.subtract(journey.revenueCents());
        }
    }

    private static <K> void merge(Map<K, Long> counts, K key, long delta) {
        long next = counts.getOrDefault(key, 0L) + delta;
        if (next == 0) {
            counts.remove(key);
        } else {
            counts.put(key, next);
        }
    }

    public SortedMap<Transition, Long> transitions() {
        return Collections.unmodifiableSortedMap(transitions);
    }

    public SortedMap<String, Long> touchpoints() {
        return Collections.unmodifiableSortedMap(touchpoints);
    }

    public long conversions() {
        return conversions;
    }

    public BigInteger revenueCents() {
        return revenueCents;
    }

    public boolean isEmpty() {
        return transitions.isEmpty() && touchpoints.isEmpty() && conversions == 0 && revenueCents.signum() == 0;
    }
}
