package io.attributionstreams.topology.erasure;

/**
 * The value of a suppression in {@code <application.id>-suppressions}, whose key is the subject's keyed
 * pseudonym: when it was asked for (the request record's timestamp, epoch milliseconds). Never a value.
 */
public record SuppressionRecord(long requestedAt) {
}
