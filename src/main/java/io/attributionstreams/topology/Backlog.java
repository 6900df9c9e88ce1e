package io.attributionstreams.topology;

/**
 * Whether the application is catching up: far behind its input, as on a first start, after a reset or
 * a long stop, or while a back-fill is replayed. Its answers are then about to be overwritten by the
 * facts still waiting, so the attribute step holds every changed customer back and recomputes each one
 * once it has caught up: one update per answer instead of one per fact, and a fraction of the work.
 * Answers are the same either way; only how many intermediate ones are written changes.
 */
@FunctionalInterface
public interface Backlog {
    /** Never catching up: every change is recomputed at its pace (the tests' default). */
    Backlog NONE = () -> false;

    boolean catchingUp();
}
