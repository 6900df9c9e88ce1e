package io.attributionstreams.topology.identity;

/**
 * What is left of one identity event's fan-out, as the {@code pending-fanouts} store keeps it.
 *
 * @param mode LINK sends each live target the current state; UNLINK takes the subject away from each target
 * @param revision the revision of the event that started it (an UNLINK sends it; the subject's row is gone)
 * @param servedUpTo the last target served, in store order; null before the first
 * @param timestamp the time of the input record that started it: the records sent later keep it, so that
 *     the latency meter counts the wait
 * @param served the targets served so far, for the fan-out meter
 */
public record PendingFanOut(Mode mode, long revision, String servedUpTo, long timestamp, long served) {

    public enum Mode {
        LINK,
        UNLINK
    }

    static PendingFanOut fresh(Mode mode, long revision, long timestamp) {
        return new PendingFanOut(mode, revision, null, timestamp, 0);
    }

    /** This fan-out after serving {@code more} targets, the last of them {@code last}. */
    PendingFanOut servedUpTo(String last, int more) {
        return more == 0 ? this : new PendingFanOut(mode, revision, last, timestamp, served + more);
    }
}
