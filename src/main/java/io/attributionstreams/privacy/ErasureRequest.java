package io.attributionstreams.privacy;

import java.util.List;

/**
 * An erasure request as a producer sends it to {@code attribution-erasures} (docs/contract.md §11), key a
 * request id: the subjects to suppress, each optional. {@code pseudonyms} are subjects named by the
 * pseudonyms the engine reports (an {@code erase} tool that looked a customer up in the engine's state,
 * which holds only pseudonyms). Untrusted strings.
 */
public record ErasureRequest(String customerId, List<String> phones, List<String> emails, List<String> pseudonyms) {
}
