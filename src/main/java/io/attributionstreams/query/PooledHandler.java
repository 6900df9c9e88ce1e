package io.attributionstreams.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler that may take long on a {@link HandlerPool}, not on the server's own threads, which
 * only decide and hand the exchange on (an exchange may be answered from any thread): the server's
 * threads stay free for the health probes and metrics however many queries wait. Past the endpoint's
 * {@link EndpointLimit}, or with the pool and its queue full, the answer is at once a 503 with
 * {@code Retry-After}: the server is busy, not the client at fault (a 429 would say the client sent
 * too much), and a forwarded 503 tells the instance asking to answer 503 in turn.
 */
final class PooledHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PooledHandler.class);

    private final HttpHandler handler;
    private final HandlerPool pool;
    private final EndpointLimit limit;
    private final String self;
    private final Counter pastLimit;
    private final Counter poolFull;

    /**
     * @param endpoint the endpoint's name in the {@value QueryService#REFUSED_METRIC} counter's tag
     *     (registered now, so that it reads 0 before the first refusal)
     */
    PooledHandler(String endpoint, HttpHandler handler, HandlerPool pool, EndpointLimit limit, String self,
            MeterRegistry registry) {
        this.handler = handler;
        this.pool = pool;
        this.limit = limit;
        this.self = self;
        this.pastLimit = limit == EndpointLimit.NONE ? null : refusals(registry, endpoint, "endpoint_limit");
        this.poolFull = refusals(registry, endpoint, "pool_full");
    }

    private static Counter refusals(MeterRegistry registry, String endpoint, String reason) {
        return Counter.builder(QueryService.REFUSED_METRIC)
                .description("requests answered 503 at once because this instance was at one of its HTTP limits")
                .tags("endpoint", endpoint, "reason", reason).register(registry);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Runnable leave = limit.tryEnter(exchange);
        if (leave == null) {
            pastLimit.increment();
            refuse(exchange, limit.tooMany());
            return;
        }
        if (!pool.tryRun(() -> run(exchange, leave))) {
            leave.run();
            poolFull.increment();
            refuse(exchange, "this instance is answering as many queries as it can");
        }
    }

    private void run(HttpExchange exchange, Runnable leave) {
        try {
            handler.handle(exchange);
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            LOG.warn("a request failed: {}", e.getClass().getName()); // never the path: it can hold a customer id
            LOG.debug("request failure", e);
        } finally {
            leave.run();
            exchange.close();
        }
    }

    private void refuse(HttpExchange exchange, String message) throws IOException {
        try (exchange) {
            HttpEndpoint.send(exchange, QueryProblem.unavailable(message + "; retry shortly").reply()
                    .withHeader(Forwarding.INSTANCE, self));
        }
    }
}
