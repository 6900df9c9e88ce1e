package io.attributionstreams.normalise;

/**
 * Where normalisation reports identifiers it dropped: an invalid phone or email never fails a
 * fact, but it is counted (batch summary, Micrometer counter in the streaming app). Counts only:
 * no value is ever handed over.
 */
public interface NormalisationCounters {
    void invalidPhone();

    void invalidEmail();

    /** A blocked phone or email was met and ignored (docs/contract.md §10). */
    default void blockedIdentifier() {
    }

    /** A fact left with nothing but suppressed subjects was dropped (docs/contract.md §11). */
    default void suppressedFact() {
    }

    NormalisationCounters NONE = new NormalisationCounters() {
        @Override
        public void invalidPhone() {
        }

        @Override
        public void invalidEmail() {
        }
    };
}
