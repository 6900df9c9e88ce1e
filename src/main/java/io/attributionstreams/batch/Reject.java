package io.attributionstreams.batch;

/** A row of {@code rejects.csv}: the file, its line (header = 1), the fact id if any, and why. */
public record Reject(String file, long line, String id, String reason) {
}
