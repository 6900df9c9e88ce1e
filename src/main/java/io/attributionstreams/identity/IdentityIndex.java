package io.attributionstreams.identity;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Identifiers;
import io.attributionstreams.facts.Interaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which customers claim each identifier (docs/contract.md §3), for a whole set of customers at
 * once: the batch form of the identity graph the topology keeps in state stores. One map per kind
 * of identifier, so looking an interaction up builds no key strings (a million interactions).
 */
public final class IdentityIndex {
    private final Map<String, List<String>> byPhone = new HashMap<>();
    private final Map<String, List<String>> byEmail = new HashMap<>();
    private final Map<String, String> byId = new HashMap<>();
    private final SortedMap<String, Integer> capped = new TreeMap<>();

    public IdentityIndex(Collection<Customer> customers) {
        this(customers, 0);
    }

    /**
     * @param maxClaimants the claimant cap K of docs/contract.md §10: a phone or email that more
     *     than K distinct customers claim links none of them (a customer's own id is never capped);
     *     0 for no cap
     */
    public IdentityIndex(Collection<Customer> customers, int maxClaimants) {
        if (maxClaimants < 0) {
            throw new IllegalArgumentException("max claimants must be positive, got " + maxClaimants);
        }
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
        if (maxClaimants > 0) {
            cap(byPhone, maxClaimants, Identifiers.PHONE_PREFIX);
            cap(byEmail, maxClaimants, Identifiers.EMAIL_PREFIX);
        }
    }

    private void cap(Map<String, List<String>> claims, int maxClaimants, String prefix) {
        for (Iterator<Map.Entry<String, List<String>>> it = claims.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, List<String>> claim = it.next();
            int claimants = (int) claim.getValue().stream().distinct().count();
            if (claimants > maxClaimants) {
                capped.put(prefix + claim.getKey(), claimants);
                it.remove();
            }
        }
    }

    /**
     * The capped identifiers, in the one spelling of {@link Identifiers} ({@code tel:+1...},
     * {@code mailto:...}), with how many customers claim each. Holds raw values: report them only
     * as pseudonyms.
     */
    public SortedMap<String, Integer> capped() {
        return Collections.unmodifiableSortedMap(capped);
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
