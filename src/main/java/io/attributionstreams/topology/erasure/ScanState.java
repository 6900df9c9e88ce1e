package io.attributionstreams.topology.erasure;

/**
 * Where one step-1 processor's scan of its versions store for newly suppressed subjects stands, kept in a
 * logged store while the scan is under way, so that a scan cut short by a crash goes on where it was.
 *
 * @param after the last fact id the running scan has handled (null: from the first); never the id of a
 *     fact the scan erased
 * @param suppressions how many suppressions there were when the scan began
 */
public record ScanState(String after, long suppressions) {
}
