package io.attributionstreams.identity;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which customers claim each identifier (SEMANTICS section 3), for a whole set of customers at
 * once: the batch form of the identity graph the topology keeps in state stores.
 */
public final class IdentityIndex {
    private final Map<String, List<String>> claimants = new HashMap<>();

    public IdentityIndex(Collection<Customer> customers) {
        for (Customer customer : customers) {
            for (String identifier : customer.identifiers()) {
                claimants.computeIfAbsent(identifier, k -> new ArrayList<>(1)).add(customer.customerId());
            }
        }
    }

    /** Every customer that claims any of the interaction's identifiers, each once. */
    public Set<String> customersOf(Interaction interaction) {
        Set<String> customers = new LinkedHashSet<>();
        for (String identifier : interaction.identifiers()) {
            customers.addAll(claimants.getOrDefault(identifier, List.of()));
        }
        return customers;
    }

    public boolean exists(String customerId) {
        return claimants.containsKey(io.attributionstreams.facts.Identifiers.customer(customerId));
    }
}
