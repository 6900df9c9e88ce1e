package io.attributionstreams.normalise;

/**
 * Where normalisation reports identifiers it dropped: an invalid phone or email never fails a
 * fact, but it is counted (batch summary, Micrometer counter in the streaming app).
 */
public interface NormalisationCounters {
    void invalidPhone();

    void invalidEmail();

    NormalisationCounters NONE = new NormalisationCounters() {
        @Override
        public void invalidPhone() {
        }

        @Override
        public void invalidEmail() {
        }
    };
}
