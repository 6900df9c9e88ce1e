package io.attributionstreams.topology.erasure;

import io.attributionstreams.privacy.Pseudonyms;
import io.attributionstreams.topology.Names;

/**
 * What streaming erasure needs (docs/contract.md §11): the engine's pseudonym key, which hashes erased
 * subjects exactly as it hashes phones and emails, and the engine's own topic of suppressions.
 */
public record ErasureOptions(Pseudonyms pseudonyms, String suppressionsTopic) {

    /** The options of application {@code applicationId}: its topic {@code <application.id>-suppressions}. */
    public static ErasureOptions of(Pseudonyms pseudonyms, String applicationId) {
        return new ErasureOptions(pseudonyms, Names.suppressionsTopic(applicationId));
    }
}
