package io.attributionstreams.topology.outputs;

import java.util.function.LongSupplier;

/**
 * At most so many log lines per window of time; the lines it holds back are counted, and the next line let through
 * says how many. Why: a producer that sends bad records by the million would otherwise write a log line for each,
 * which fills disks and buries everything else, when the dead-letter topic already keeps each record with its reason
 * and a counter counts them all.
 */
final class LogBudget {
    /** What {@link #take()} answers when this line is to be held back. */
    static final long HOLD = -1;

    private final int linesPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int used;
    private long held;

    LogBudget(int linesPerWindow, long windowNanos, LongSupplier nanoClock) {
        this.linesPerWindow = linesPerWindow;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * {@link #HOLD} when this line is to be held back; otherwise the number of lines held back since the last one let
     * through (0 when none), which the line should mention.
     */
    synchronized long take() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            used = 0;
        }
        if (used >= linesPerWindow) {
            held++;
            return HOLD;
        }
        used++;
        long heldBefore = held;
        held = 0;
        return heldBefore;
    }
}
