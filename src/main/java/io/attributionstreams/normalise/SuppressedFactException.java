package io.attributionstreams.normalise;

/**
 * A fact left with nothing but suppressed subjects (docs/contract.md §11): it is dropped and
 * counted, never rejected, since a reject or dead letter would keep the personal data. Carries no
 * value of the fact.
 */
public final class SuppressedFactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SuppressedFactException() {
        super("dropped: only suppressed subjects", null, false, false);
    }
}
