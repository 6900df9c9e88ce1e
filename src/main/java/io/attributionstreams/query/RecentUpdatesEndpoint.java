package io.attributionstreams.query;

import java.util.List;

/** {@code GET /updates/recent?limit=N}: the feed's latest entries, oldest first, for clients that poll. */
final class RecentUpdatesEndpoint implements Endpoint {
    static final String PATH = "/updates/recent";
    static final int DEFAULT_LIMIT = 50;

    private final UpdateFeed feed;
    private final int capacity;

    RecentUpdatesEndpoint(UpdateFeed feed, int capacity) {
        this.feed = feed;
        this.capacity = capacity;
    }

    /** The body: {@code {"updates":[...]}}. */
    record RecentUpdates(List<FeedEntry> updates) {
    }

    @Override
    public Reply answer(QueryRequest request) {
        if (!request.rawPath().equals(PATH)) {
            throw QueryProblem.notFound("no such endpoint; try " + PATH);
        }
        return Reply.json(200, new RecentUpdates(feed.latest(limit(request.param("limit")))));
    }

    private int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= capacity) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw QueryProblem.badRequest("limit must be a whole number from 1 to " + capacity);
    }
}
