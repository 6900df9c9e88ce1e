package io.attributionstreams.topology.identity;

/**
 * What the identity step tells the metrics about: the fan-out of each event, and identifiers
 * turning hot. Never the identifier itself: a phone or an email is personal data.
 */
public interface IdentityEvents {
    /** One identity event caused {@code links} link events (counted once its fan-out is complete). */
    void fannedOut(int links);

    /** One identity event's fan-out went over the budget of its own record: the rest waits for the punctuator. */
    void fanOutDeferred();

    /** Claiming customers an identifier may have before it counts as hot. */
    int hotThreshold();

    /** An identifier just gained its (threshold + 1)th claiming customer. */
    void becameHot();

    /** An identifier just gained one claimant more than the claimant cap allows: it links nobody now. */
    void becameCapped();

    /** A capped identifier just lost enough claimants to link again. */
    void becameUncapped();
}
