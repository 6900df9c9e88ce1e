package io.attributionstreams.query;

/**
 * Why a query cannot be answered, as the HTTP status it becomes: 400 for a request that can never
 * succeed, 404 for an unknown customer, 503 (with {@code Retry-After}) while the answer is
 * momentarily out of reach (not RUNNING, rebalancing, the owning instance unreachable).
 */
public final class QueryProblem extends RuntimeException {
    /** Seconds a client should wait before asking again after a 503. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final int status;
    private final String error;

    private QueryProblem(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static QueryProblem badRequest(String message) {
        return new QueryProblem(400, "bad_request", message);
    }

    public static QueryProblem notFound(String message) {
        return new QueryProblem(404, "not_found", message);
    }

    public static QueryProblem unavailable(String message) {
        return new QueryProblem(503, "unavailable", message);
    }

    public int status() {
        return status;
    }

    public Reply reply() {
        Reply reply = Reply.error(status, error, getMessage());
        return status == 503 ? reply.withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)) : reply;
    }
}
