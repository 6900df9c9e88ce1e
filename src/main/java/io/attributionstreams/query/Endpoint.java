package io.attributionstreams.query;

/** A query endpoint: a request in, a reply out. */
@FunctionalInterface
public interface Endpoint {
    /** @throws QueryProblem when the request cannot be answered (400, 404, 503) */
    Reply answer(QueryRequest request);

    /** The reply, a {@link QueryProblem} included: what the client receives. */
    default Reply replyTo(QueryRequest request) {
        try {
            return answer(request);
        } catch (QueryProblem problem) {
            return problem.reply();
        }
    }
}
