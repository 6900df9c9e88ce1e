package io.attributionstreams.facts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A normalised customer: only the phones (E.164) and emails that passed validation are kept.
 * Absent identifiers are simply not in the lists.
 */
public record Customer(String customerId, List<String> phones, List<String> emails) {

    public Customer {
        phones = List.copyOf(phones);
        emails = List.copyOf(emails);
    }

    /** Every identifier this customer claims: its valid phones, its valid emails and its own id. */
    public Set<String> identifiers() {
        Set<String> ids = new LinkedHashSet<>();
        for (String phone : phones) {
            ids.add(Identifiers.phone(phone));
        }
        for (String email : emails) {
            ids.add(Identifiers.email(email));
        }
        ids.add(Identifiers.customer(customerId));
        return ids;
    }
}
