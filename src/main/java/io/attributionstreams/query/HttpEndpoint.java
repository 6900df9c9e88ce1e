package io.attributionstreams.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link Endpoint} on the JDK's HTTP server: GET (and HEAD) only, problems as JSON errors,
 * and every reply names the instance that computed it ({@link Forwarding#INSTANCE}, kept as the
 * owner sent it on a forwarded reply). A request counts as forwarded only when its forwarding header
 * verifies ({@link ForwardingSignature}). Nothing of the request is logged: a path holds a customer id.
 */
final class HttpEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final Endpoint endpoint;
    private final String self;
    private final ForwardingSignature signature;

    /** @param signature checks the forwarding header: a request is forwarded only when it verifies */
    HttpEndpoint(Endpoint endpoint, String self, ForwardingSignature signature) {
        this.endpoint = endpoint;
        this.self = self;
        this.signature = signature;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = answer(exchange);
            if (reply.header(Forwarding.INSTANCE) == null) {
                reply = reply.withHeader(Forwarding.INSTANCE, self);
            }
            send(exchange, reply);
        }
    }

    private Reply answer(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.error(405, "method_not_allowed", "only GET is served here").withHeader("Allow", "GET, HEAD");
        }
        try {
            return endpoint.replyTo(QueryRequest.of(exchange.getRequestURI(), signature.senderOf(exchange)));
        } catch (QueryProblem problem) {
            return problem.reply(); // from parsing the request
        } catch (RuntimeException e) {
            LOG.warn("query failed: {}", e.getClass().getName());
            LOG.debug("query failure", e);
            return Reply.error(500, "internal_error", "the query failed: " + e.getClass().getSimpleName());
        }
    }

    static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length == 0 ? -1 : reply.body().length);
        if (!head && reply.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }
}
