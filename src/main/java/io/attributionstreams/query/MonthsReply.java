package io.attributionstreams.query;

import io.attributionstreams.contract.MonthTotalRecord;
import java.util.List;

/**
 * The body of {@code GET /months}: the monthly totals, each exactly as on {@code attribution-month-totals},
 * with the instances that answered and the partitions they covered (every partition of the store, or the
 * answer is a 503).
 */
public record MonthsReply(List<String> instances, List<Integer> partitions, List<MonthTotalRecord> months) {
}
