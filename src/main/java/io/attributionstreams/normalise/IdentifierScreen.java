package io.attributionstreams.normalise;

/**
 * Which normalised phones and emails are blocked (docs/contract.md §10): a blocked value is
 * treated as invalid wherever it appears. The identity package's {@code BlockedIdentifiers} is
 * the file-backed one.
 */
public interface IdentifierScreen {
    /** @param e164 a valid phone in E.164 */
    boolean blockedPhone(String e164);

    /** @param email a normalised email */
    boolean blockedEmail(String email);

    /**
     * What is blocked, as a SHA-256 digest of the sorted values (hex), for the settings fingerprint:
     * two screens that block the same values have the same digest; "" when nothing is blocked.
     */
    default String digest() {
        return "";
    }

    IdentifierScreen NONE = new IdentifierScreen() {
        @Override
        public boolean blockedPhone(String e164) {
            return false;
        }

        @Override
        public boolean blockedEmail(String email) {
            return false;
        }
    };
}
