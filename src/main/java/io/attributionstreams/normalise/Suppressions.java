package io.attributionstreams.normalise;

/**
 * Which subjects are erased (docs/contract.md §11): a suppressed customer id, phone or email is
 * treated as absent wherever it appears. The batch engine loads one from an erasure file
 * ({@code privacy.Suppression}); the streaming side can answer from a state store.
 */
public interface Suppressions {
    boolean customerSuppressed(String customerId);

    /** @param e164 a valid phone in E.164 */
    boolean phoneSuppressed(String e164);

    /** @param email a normalised email */
    boolean emailSuppressed(String email);

    /** True when nothing at all is suppressed (lets the normaliser skip every check). */
    default boolean isEmpty() {
        return false;
    }

    Suppressions NONE = new Suppressions() {
        @Override
        public boolean customerSuppressed(String customerId) {
            return false;
        }

        @Override
        public boolean phoneSuppressed(String e164) {
            return false;
        }

        @Override
        public boolean emailSuppressed(String email) {
            return false;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }
    };
}
