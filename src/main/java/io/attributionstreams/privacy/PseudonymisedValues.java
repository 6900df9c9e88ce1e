package io.attributionstreams.privacy;

import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.IdentifierValues;

/**
 * Phones and emails as keyed pseudonyms: the pseudonym of the identifier in its one spelling
 * ({@code tel:+12015550123}, {@code mailto:a@b.com}), so a phone and an email never share one, and the
 * pseudonym of a value is the one that the claimant cap reports and the suppression list keeps.
 */
public final class PseudonymisedValues implements IdentifierValues {
    private final Pseudonyms pseudonyms;

    public PseudonymisedValues(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** The key these pseudonyms are made with. */
    public Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    @Override
    public String phone(String e164) {
        return pseudonyms.of(Identifiers.phone(e164));
    }

    @Override
    public String email(String email) {
        return pseudonyms.of(Identifiers.email(email));
    }
}
