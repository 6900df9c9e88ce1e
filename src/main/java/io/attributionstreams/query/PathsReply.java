package io.attributionstreams.query;

import io.attributionstreams.contract.PathTotalRecord;
import java.util.List;

/**
 * The body of {@code GET /paths}: the most common paths to conversion, each exactly as on
 * {@code attribution-path-totals}, with the instances that answered and the partitions they covered (every
 * partition of the store, or the answer is a 503).
 */
public record PathsReply(List<String> instances, List<Integer> partitions, List<PathTotalRecord> paths) {
}
