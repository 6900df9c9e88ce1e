package io.attributionstreams.privacy;

import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.Suppressions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The erased subjects of docs/contract.md §11, kept only as keyed pseudonyms: the list holds no
 * personal data, and answers whether a customer id, phone or email is suppressed by hashing the
 * value asked about.
 */
public final class Suppression implements Suppressions {
    private final Pseudonyms pseudonyms;
    private final Set<String> suppressed;

    private Suppression(Pseudonyms pseudonyms, Set<String> suppressed) {
        this.pseudonyms = pseudonyms;
        this.suppressed = Set.copyOf(suppressed);
    }

    /** Builds the suppression of normalised subjects, as they are named to {@link Builder}. */
    public static Builder builder(Pseudonyms pseudonyms) {
        return new Builder(pseudonyms);
    }

    /** Collects subjects; raw values are hashed as they arrive and never kept. */
    public static final class Builder {
        private final Pseudonyms pseudonyms;
        private final Set<String> suppressed = new HashSet<>();

        private Builder(Pseudonyms pseudonyms) {
            this.pseudonyms = pseudonyms;
        }

        public Builder customer(String customerId) {
            suppressed.add(pseudonyms.of(Identifiers.customer(customerId)));
            return this;
        }

        /** @param e164 a valid phone in E.164 */
        public Builder phone(String e164) {
            suppressed.add(pseudonyms.of(Identifiers.phone(e164)));
            return this;
        }

        /** @param email a normalised email */
        public Builder email(String email) {
            suppressed.add(pseudonyms.of(Identifiers.email(email)));
            return this;
        }

        public Suppression build() {
            return new Suppression(pseudonyms, suppressed);
        }
    }

    @Override
    public boolean customerSuppressed(String customerId) {
        return !suppressed.isEmpty() && suppressed.contains(pseudonyms.of(Identifiers.customer(customerId)));
    }

    @Override
    public boolean phoneSuppressed(String e164) {
        return !suppressed.isEmpty() && suppressed.contains(pseudonyms.of(Identifiers.phone(e164)));
    }

    @Override
    public boolean emailSuppressed(String email) {
        return !suppressed.isEmpty() && suppressed.contains(pseudonyms.of(Identifiers.email(email)));
    }

    @Override
    public boolean isEmpty() {
        return suppressed.isEmpty();
    }

    /** How many distinct subjects are suppressed. */
    public int size() {
        return suppressed.size();
    }

    /** The pseudonyms of the suppressed subjects (no raw value). */
    public Collection<String> pseudonyms() {
        return suppressed;
    }
}
