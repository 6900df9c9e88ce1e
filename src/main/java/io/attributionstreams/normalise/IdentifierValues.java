package io.attributionstreams.normalise;

/**
 * The form in which a normalised phone or email leaves the normaliser. The streaming engine gives it
 * a keyed pseudonym ({@code privacy.PseudonymisedValues}), so that no repartition topic, store or
 * changelog holds the value; matching stays exact, as the same value always gives the same pseudonym.
 * The batch engine keeps the values ({@link #AS_IS}): its outputs hold no identifier either way.
 */
public interface IdentifierValues {
    /** @param e164 a valid, allowed phone in E.164 */
    String phone(String e164);

    /** @param email a valid, allowed, normalised email */
    String email(String email);

    IdentifierValues AS_IS = new IdentifierValues() {
        @Override
        public String phone(String e164) {
            return e164;
        }

        @Override
        public String email(String email) {
            return email;
        }
    };
}
