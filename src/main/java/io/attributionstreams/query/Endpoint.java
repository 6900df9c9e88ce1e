package io.attributionstreams.query;

/** A query endpoint: a request in, a reply out; {@link QueryProblem}s become error replies. */
@FunctionalInterface
public interface Endpoint {
    Reply answer(QueryRequest request);
}
