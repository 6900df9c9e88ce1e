package io.attributionstreams.privacy;

import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subjects of an erasure request as the keyed pseudonyms the suppression list keeps, hashed exactly
 * as {@link Suppression} hashes them (docs/contract.md §11): a customer id as it is (trimmed), phones
 * and emails normalised first with the facts' own code; an invalid phone or email is ignored. A given
 * pseudonym is taken as it is, if it has the form of one. No raw value is kept or reported.
 */
public final class ErasureSubjects {
    /** Subjects one request may name: more is a mistake (or an attempt to make one record write millions). */
    public static final int MAX_SUBJECTS = 1_000;
    /** What {@link Pseudonyms#of} writes: 32 bytes as base64url without padding. */
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Phones phones;
    private final Pseudonyms pseudonyms;

    public ErasureSubjects(Phones phones, Pseudonyms pseudonyms) {
        this.phones = phones;
        this.pseudonyms = pseudonyms;
    }

    /** Whether {@code value} has the form of a pseudonym (it is not checked against any key). */
    public static boolean looksLikePseudonym(String value) {
        return value != null && PSEUDONYM.matcher(value).matches();
    }

    /**
     * The pseudonyms of the request's usable subjects, in the order named, without repeats.
     *
     * @throws IllegalArgumentException when it names more than {@link #MAX_SUBJECTS} values; the message
     *     names no value
     */
    public Set<String> of(ErasureRequest request) {
        int named = size(request.phones()) + size(request.emails()) + size(request.pseudonyms())
                + (request.customerId() == null ? 0 : 1);
        if (named > MAX_SUBJECTS) {
            throw new IllegalArgumentException("more than " + MAX_SUBJECTS + " subjects in one request");
        }
        Set<String> subjects = new LinkedHashSet<>();
        String customerId = Text.clean(request.customerId());
        if (customerId != null) {
            subjects.add(pseudonyms.of(Identifiers.customer(customerId)));
        }
        for (String raw : list(request.phones())) {
            String phone = phones.normalise(raw);
            if (phone != null) {
                subjects.add(pseudonyms.of(Identifiers.phone(phone)));
            }
        }
        for (String raw : list(request.emails())) {
            String email = Emails.normalise(raw);
            if (email != null) {
                subjects.add(pseudonyms.of(Identifiers.email(email)));
            }
        }
        for (String raw : list(request.pseudonyms())) {
            String pseudonym = Text.clean(raw);
            if (looksLikePseudonym(pseudonym)) {
                subjects.add(pseudonym);
            }
        }
        return subjects;
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
    }
}
