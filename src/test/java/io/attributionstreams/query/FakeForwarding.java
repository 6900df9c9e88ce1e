package io.attributionstreams.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Forwarding} that hands each request to the endpoint of a fake instance, and records the calls. */
final class FakeForwarding implements Forwarding {
    final Map<String, Endpoint> instances = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Reply get(String instance, String pathAndQuery, String self) throws IOException {
        calls.add(instance + pathAndQuery + " by " + self);
        Endpoint endpoint = instances.get(instance);
        if (endpoint == null) {
            throw new IOException("connection refused: " + instance);
        }
        Reply reply = endpoint.replyTo(QueryRequest.of(pathAndQuery).forwardedBy(self));
        return reply.header(INSTANCE) == null ? reply.withHeader(INSTANCE, instance) : reply;
    }
}
