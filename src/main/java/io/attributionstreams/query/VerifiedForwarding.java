package io.attributionstreams.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Decides, before anything else looks at a request, whether another instance forwarded it: only when
 * its {@link Forwarding#FORWARDED_BY} header verifies ({@link ForwardingSignature}). The verdict goes
 * on the exchange, and {@link HttpEndpoint} and {@link EndpointLimit} read it there, never the header:
 * a request that reaches them without this check counts as a client's.
 */
final class VerifiedForwarding implements HttpHandler {
    private static final String SENDER = VerifiedForwarding.class.getName() + ".sender";

    private final ForwardingSignature signature;
    private final HttpHandler handler;

    VerifiedForwarding(ForwardingSignature signature, HttpHandler handler) {
        this.signature = signature;
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawQuery() == null ? exchange.getRequestURI().getRawPath()
                : exchange.getRequestURI().getRawPath() + '?' + exchange.getRequestURI().getRawQuery();
        exchange.setAttribute(SENDER, signature.verifiedSender(exchange.getRequestHeaders().getFirst(
                Forwarding.FORWARDED_BY), exchange.getRequestMethod(), pathAndQuery).orElse(null));
        handler.handle(exchange);
    }

    /** The instance that forwarded this request, its header verified; null for a client's request. */
    static String senderOf(HttpExchange exchange) {
        return exchange.getAttribute(SENDER) instanceof String sender ? sender : null;
    }
}
