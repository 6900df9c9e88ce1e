package io.attributionstreams.normalise;

import java.util.List;

/** A customer as a producer sends it (the JSON form of docs/contract.md §1): untrusted strings. */
public record RawCustomer(String customerId, List<String> phones, List<String> emails) {
}
