package io.attributionstreams.topology.attribution;

import io.attributionstreams.attribution.Outcome;

/** What the attribution step tells the metrics about: updates, restatements and retractions. */
public interface AttributionEvents {
    /** @param restatement the key had an attributed answer before, now changed */
    void updated(Outcome outcome, boolean restatement);

    void retracted(Outcome previous);

    AttributionEvents NONE = new AttributionEvents() {
        @Override
        public void updated(Outcome outcome, boolean restatement) {
        }

        @Override
        public void retracted(Outcome previous) {
        }
    };
}
