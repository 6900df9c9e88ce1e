package io.attributionstreams.identity;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which customers claim each identifier (docs/contract.md §3), for a whole set of customers at
 * once: the batch form of the identity graph the topology keeps in state stores. One map per kind
 * of identifier, so looking an interaction up builds no key strings (a million interactions).
 */
public final class IdentityIndex {
    private final Map<String, List<String>> byPhone = new HashMap<>();
    private final Map<String, List<String>> byEmail = new HashMap<>();
    private final Map<String, String> byId = new HashMap<>();

    public IdentityIndex(Collection<Customer> customers) {
        for (Customer customer : customers) {
            String id = customer.customerId();
            for (String phone : customer.phones()) {
                byPhone.computeIfAbsent(phone, k -> new ArrayList<>(1)).add(id);
            }
            for (String email : customer.emails()) {
                byEmail.computeIfAbsent(email, k -> new ArrayList<>(1)).add(id);
            }
            byId.put(id, id);
        }
    }

    /** Every customer that claims any of the interaction's identifiers, each once, in a stable order. */
    public List<String> customersOf(Interaction interaction) {
        List<String> phone = interaction.phone() == null ? List.of() : byPhone.getOrDefault(interaction.phone(), List.of());
        List<String> email = interaction.email() == null ? List.of() : byEmail.getOrDefault(interaction.email(), List.of());
        String self = interaction.customerId() == null ? null : byId.get(interaction.customerId());
        if (email.isEmpty() && self == null) {
            return phone;
        }
        if (phone.isEmpty() && self == null) {
            return email;
        }
        List<String> customers = new ArrayList<>(phone.size() + email.size() + 1);
        customers.addAll(phone);
        for (String c : email) {
            if (!customers.contains(c)) {
                customers.add(c);
            }
        }
        if (self != null && !customers.contains(self)) {
            customers.add(self);
        }
        return customers;
    }

    public boolean exists(String customerId) {
        return byId.containsKey(customerId);
    }
}
