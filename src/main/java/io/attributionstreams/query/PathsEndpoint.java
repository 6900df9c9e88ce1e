package io.attributionstreams.query;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.PathTotalRecord;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /paths?type=&limit=}: the path summary (docs/contract.md §15), the most common paths to
 * conversion first, gathered from every partition as {@link GatheringEndpoint} says. Step 4 keeps the path
 * totals beside the channel totals, in the same tasks. There may be a row per customer (long histories rarely
 * repeat), so only the top {@code limit} rows (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT})
 * are answered, and each instance sends only its own top rows. Paths have no model: {@code model} is
 * refused.
 */
final class PathsEndpoint extends GatheringEndpoint<PathTotalRecord, PathsReply> {
    static final String PATH = "/paths";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    /** Most conversions first, then most revenue; ties by type and path text, so every instance agrees. */
    private static final Comparator<PathTotalRecord> ORDER = Comparator
            .comparingLong(PathTotalRecord::conversions).reversed()
            .thenComparing(PathTotalRecord::revenueCents, Comparator.<BigInteger>reverseOrder())
            .thenComparing(PathTotalRecord::conversionType)
            .thenComparing(PathTotalRecord::path);

    PathsEndpoint(StoreView stores, Forwarding forwarding, AttributionSettings settings) {
        super(PATH, "path totals", PathsReply.class,
                List.of(new Source<>(stores::channelPartitions, stores::localPaths)), ORDER,
                (filter, p) -> filter.matches(p.conversionType(), null), stores, forwarding, settings);
    }

    @Override
    QueryFilter filter(QueryRequest request, AttributionSettings settings) {
        return QueryFilter.typeOnly(request, settings, "paths have no model; ask with type and limit alone");
    }

    @Override
    int limit(QueryRequest request) {
        String value = request.param("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw QueryProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '"
                + QueryFilter.shortened(value) + "'");
    }

    @Override
    PathsReply body(Gathered<PathTotalRecord> gathered) {
        return new PathsReply(gathered.instances(), gathered.partitions().get(0), gathered.rows());
    }

    @Override
    Gathered<PathTotalRecord> gathered(PathsReply body) {
        return new Gathered<>(orEmpty(body.instances()), List.of(orEmpty(body.partitions())), orEmpty(body.paths()));
    }
}
