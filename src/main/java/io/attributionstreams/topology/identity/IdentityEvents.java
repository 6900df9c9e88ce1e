package io.attributionstreams.topology.identity;

/**
 * What the identity step tells the metrics about: the fan-out of each event, and identifiers
 * turning hot. Never the identifier itself: a phone or an email is personal data.
 */
public interface IdentityEvents {
    /** One identity event caused {@code links} link events. */
    void fannedOut(int links);

    /** Claiming customers an identifier may have before it counts as hot. */
    int hotThreshold();

    /** An identifier just gained its (threshold + 1)th claiming customer. */
    void becameHot();
}
