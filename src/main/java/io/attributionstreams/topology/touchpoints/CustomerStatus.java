package io.attributionstreams.topology.touchpoints;

/** Whether a customer exists, as of the customer fact's revision. */
public record CustomerStatus(boolean exists, long revision) {
}
