package io.attributionstreams.topology;

import java.time.Duration;

/**
 * How the topology trades a little latency for a lot less work, where per-event work would grow
 * with the data.
 *
 * @param channelTotalsInterval how often each task sends its summed channel deltas on
 * @param recomputePerTouchpoint after a customer with k touchpoints (k at least {@code recomputePaceFrom})
 *     is recomputed, further touchpoint changes to it wait until k times this has passed (never more
 *     than {@link #MAX_PAUSE}) and are then recomputed together. Why: a customer reached through a
 *     shared number has hundreds of touchpoints and a change with every interaction on that number,
 *     and recomputing and re-sending its whole answer each time makes the work grow with the square
 *     of its touchpoints. Appointments, payments and the customer's existence never wait. Zero
 *     recomputes every change at once.
 * @param recomputePaceFrom customers with fewer facts (touchpoints, appointments and payments, what a
 *     recompute reads) than this are always recomputed at once; k above counts them all
 * @param conversionsPaceFrom from this many facts, appointments and payments wait for the pace too: one
 *     customer with 10,000 payments would otherwise make each new payment read all of them, and so the
 *     work grow with the square of its payments
 * @param fanOutBudget link targets (a claimant to link or unlink, or a carried interaction) the identity
 *     step serves for one identity event before it defers the rest, and again per punctuation. Why: an
 *     interaction on a number that 100,000 customers claim would otherwise write 100,000 records in one
 *     process() call, all in one transaction
 * @param fanOutInterval how often the identity step serves deferred fan-outs, a budget each time
 */
public record Pacing(Duration channelTotalsInterval, Duration recomputePerTouchpoint, int recomputePaceFrom,
        int conversionsPaceFrom, int fanOutBudget, Duration fanOutInterval) {
    public static final int DEFAULT_CONVERSIONS_PACE_FROM = 1_000;
    public static final int DEFAULT_FAN_OUT_BUDGET = 2_000;
    public static final Duration DEFAULT_FAN_OUT_INTERVAL = Duration.ofMillis(100);
    public static final Pacing DEFAULT = new Pacing(Duration.ofSeconds(1), Duration.ofMillis(100), 100);
    /** The longest a change ever waits, however many touchpoints: answers stay fresh within this. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(60);

    public Pacing {
        if (channelTotalsInterval.isNegative() || channelTotalsInterval.isZero()) {
            throw new IllegalArgumentException("the channel totals interval must be positive: " + channelTotalsInterval);
        }
        if (recomputePerTouchpoint.isNegative()) {
            throw new IllegalArgumentException("the recompute pace must not be negative: " + recomputePerTouchpoint);
        }
        if (recomputePaceFrom < 1) {
            throw new IllegalArgumentException("the recompute pace must start at 1 touchpoint or more: "
                    + recomputePaceFrom);
        }
        if (conversionsPaceFrom < recomputePaceFrom) {
            throw new IllegalArgumentException("conversions can be paced only from as many facts as touchpoint "
                    + "changes (" + recomputePaceFrom + "), not from " + conversionsPaceFrom);
        }
        if (fanOutBudget < 1) {
            throw new IllegalArgumentException("the fan-out budget must be at least 1 link target: " + fanOutBudget);
        }
        if (fanOutInterval.isNegative() || fanOutInterval.isZero()) {
            throw new IllegalArgumentException("the fan-out interval must be positive: " + fanOutInterval);
        }
    }

    /** With the default conversion pace, fan-out budget and interval. */
    public Pacing(Duration channelTotalsInterval, Duration recomputePerTouchpoint, int recomputePaceFrom) {
        this(channelTotalsInterval, recomputePerTouchpoint, recomputePaceFrom,
                Math.max(recomputePaceFrom, DEFAULT_CONVERSIONS_PACE_FROM), DEFAULT_FAN_OUT_BUDGET,
                DEFAULT_FAN_OUT_INTERVAL);
    }

    /** This pacing with another fan-out budget and interval. */
    public Pacing withFanOut(int budget, Duration interval) {
        return new Pacing(channelTotalsInterval, recomputePerTouchpoint, recomputePaceFrom, conversionsPaceFrom, budget,
                interval);
    }

    /** This pacing with conversions paced from another number of facts. */
    public Pacing withConversionsPacedFrom(int facts) {
        return new Pacing(channelTotalsInterval, recomputePerTouchpoint, recomputePaceFrom, facts, fanOutBudget,
                fanOutInterval);
    }

    /** How long after a recompute over {@code facts} facts the next one of that customer waits. */
    public long recomputePauseMillis(int facts) {
        if (facts < recomputePaceFrom) {
            return 0;
        }
        // in nanoseconds, so that a pace under a millisecond per fact (tests, tuning) still adds up
        long nanos = recomputePerTouchpoint.toNanos() * facts;
        return Math.min(MAX_PAUSE.toMillis(), nanos / 1_000_000);
    }

    /** Whether a customer of {@code facts} facts waits for its pace on a booking, visit or payment too. */
    public boolean pacesConversions(int facts) {
        return facts >= conversionsPaceFrom && recomputePauseMillis(facts) > 0;
    }

    /** How often deferred recomputes are looked at: often enough that a due one waits little longer. */
    public Duration deferredCheckInterval() {
        return Duration.ofMillis(Math.max(10, Math.min(100, recomputePauseMillis(recomputePaceFrom) / 10)));
    }
}
