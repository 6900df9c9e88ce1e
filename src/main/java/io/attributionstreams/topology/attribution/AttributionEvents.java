package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.Outcome;
import io.attributionstreams.conversion.ConversionType;

/**
 * What the attribution step tells the metrics about: each recomputed customer's touchpoints,
 * updates, restatements and retractions, and each record written to attribution-updates.
 */
public interface AttributionEvents {
    /** An existing customer's answers were recomputed from this many touchpoints. */
    void recomputed(int touchpoints);

    /** A change to a customer waits for the customer's recompute pace. */
    void deferred();

    /** @param restatement the key had an attributed answer before, now changed */
    void updated(Outcome outcome, boolean restatement);

    void retracted(ConversionType type, String model);

    /**
     * A record (update or tombstone) went to attribution-updates, {@code millisSinceInput} after the
     * timestamp of the input record that caused it (Kafka Streams carries that timestamp through the
     * repartitions).
     */
    void written(long millisSinceInput);

    AttributionEvents NONE = new AttributionEvents() {
        @Override
        public void recomputed(int touchpoints) {
        }

        @Override
        public void deferred() {
        }

        @Override
        public void updated(Outcome outcome, boolean restatement) {
        }

        @Override
        public void retracted(ConversionType type, String model) {
        }

        @Override
        public void written(long millisSinceInput) {
        }
    };
}
