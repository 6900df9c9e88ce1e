package io.attributionstreams.topology.touchpoints;

import io.attributionstreams.facts.Interaction;
import java.util.List;

/**
 * A touchpoint of a customer: the newest payload seen (by revision, whichever path brought it)
 * and the identifiers that link it. It stays a touchpoint while any link remains.
 */
public record TouchpointLinks(Interaction interaction, long revision, List<String> vias) {
    public TouchpointLinks {
        vias = List.copyOf(vias);
    }
}
