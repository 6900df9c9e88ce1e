package io.attributionstreams.topology.touchpoints;

/** What changed about a customer: what step 3a tells step 3b, in the same task (never serialised). */
public enum CustomerChange {
    /** A touchpoint came, went or changed: churn that a large customer may take at its pace. */
    TOUCHPOINTS,
    /** An appointment or payment: a conversion or revenue event, recomputed at once for every customer. */
    CONVERSION_FACTS,
    /** The customer was created or deleted, recomputed at once. */
    EXISTENCE;

    /** Whether the recompute may wait for the customer's pace. */
    public boolean paced() {
        return this == TOUCHPOINTS;
    }
}
