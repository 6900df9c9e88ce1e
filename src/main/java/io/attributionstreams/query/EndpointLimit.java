package io.attributionstreams.query;

import com.sun.net.httpserver.HttpExchange;
import java.util.concurrent.Semaphore;

/**
 * At most so many requests of one endpoint in progress at once, waiting or running: one expensive
 * endpoint cannot take every query thread from the others. A limit for clients lets requests that
 * another instance forwarded through ({@link Forwarding#FORWARDED_BY}): those only read this
 * instance's own stores and never wait on another instance, and refusing them would fail the other
 * instance's answer for a request it has already let in. They still need a place in the bounded pool.
 * Only a forward whose header verifies ({@link ForwardingSignature}) counts: a client setting the header
 * itself is still a client.
 */
final class EndpointLimit {
    /** No limit beyond the pool's. */
    static final EndpointLimit NONE = new EndpointLimit(null, "", null);

    private final Semaphore permits;
    private final String what;
    /** Recognises the forwarded requests that are exempt; null when none is. */
    private final ForwardingSignature forwardedExempt;

    private EndpointLimit(Semaphore permits, String what, ForwardingSignature forwardedExempt) {
        this.permits = permits;
        this.what = what;
        this.forwardedExempt = forwardedExempt;
    }

    /**
     * @param what the requests, as the 503's message names them: "customer lookups in progress"
     * @param signature tells a genuine forward from a client's request
     */
    static EndpointLimit forClients(int limit, String what, ForwardingSignature signature) {
        return new EndpointLimit(new Semaphore(limit), what, signature);
    }

    static EndpointLimit forAll(int limit, String what) {
        return new EndpointLimit(new Semaphore(limit), what, null);
    }

    /**
     * Lets the request in if there is room.
     *
     * @return what to run when it is done, or null when it is one too many
     */
    Runnable tryEnter(HttpExchange exchange) {
        if (permits == null || forwardedExempt != null && forwardedExempt.senderOf(exchange) != null) {
            return () -> { };
        }
        return permits.tryAcquire() ? permits::release : null;
    }

    String tooMany() {
        return "too many " + what + " on this instance";
    }
}
