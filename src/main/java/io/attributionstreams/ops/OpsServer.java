package io.attributionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations endpoints on one HTTP port, served by the JDK's own HTTP server: {@code /metrics}
 * (Prometheus text format), {@code /health/live} (the process and its Kafka Streams client are not
 * dead) and {@code /health/ready} (Kafka Streams is RUNNING), for the Kubernetes probes. Other
 * endpoints (the queries and the dashboard) are added with {@link #route}. The server starts before
 * Kafka Streams, so that its port is known for {@code application.server}: until then the health
 * endpoints answer 503.
 *
 * <p>The server's own threads ({@link HttpLimits#serverThreads()}) answer only what is quick: health,
 * metrics and whatever is routed here that answers at once. An endpoint that may be slow hands its
 * exchange to a bounded pool of its own and returns (see the query package), so that however many
 * queries wait, a probe never queues behind them. Every request passes {@link RequestLimits} first.
 *
 * <p>{@link HttpSetup} decides the rest: the address it binds, HTTPS on the main port, a bearer token for
 * what {@link #routeForClients} serves, and a separate plain-HTTP port for health and metrics, so that
 * probes and Prometheus need neither the token nor the certificate (they are then 404 on the main port).
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpServer ops;
    private final ExecutorService opsThreads;
    private final HttpSetup setup;
    private final HttpLimits limits;
    private final MeterRegistry registry;

    private OpsServer(HttpServer server, ExecutorService threads, HttpServer ops, ExecutorService opsThreads,
            HttpSetup setup, HttpLimits limits, MeterRegistry registry) {
        this.server = server;
        this.threads = threads;
        this.ops = ops;
        this.opsThreads = opsThreads;
        this.setup = setup;
        this.limits = limits;
        this.registry = registry;
    }

    /** Plain HTTP on {@code port}, health and metrics included, no token. */
    public static OpsServer start(int port, HttpLimits limits, PrometheusMeterRegistry registry,
            Supplier<KafkaStreams> streams) {
        return start(HttpSetup.plain(port), limits, registry, streams);
    }

    /**
     * @param setup the ports, the address, HTTPS and the token
     * @param streams the client whose state the health endpoints report; null until it exists
     */
    public static OpsServer start(HttpSetup setup, HttpLimits limits, PrometheusMeterRegistry registry,
            Supplier<KafkaStreams> streams) {
        JdkServerSettings.apply(limits);
        ExecutorService threads = Executors.newFixedThreadPool(limits.serverThreads(), new NamedThreads("http-server"));
        // the ops port's own threads, as many: a burst on the main port never delays a probe
        ExecutorService opsThreads = setup.opsPort().isEmpty() ? null
                : Executors.newFixedThreadPool(limits.serverThreads(), new NamedThreads("http-ops"));
        HttpServer server = null;
        HttpServer opsServer = null;
        int port = setup.port();
        try {
            server = mainServer(setup);
            if (opsThreads != null) {
                port = setup.opsPort().getAsInt();
                opsServer = HttpServer.create(new InetSocketAddress(setup.bindAddress(), port), 0);
            }
            OpsServer ops = new OpsServer(server, threads, opsServer, opsThreads, setup, limits, registry);
            ops.routeOps("/metrics", exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            ops.routeOps("/health/live", exchange -> {
                KafkaStreams.State state = stateOf(streams.get());
                boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                        && state != KafkaStreams.State.PENDING_ERROR;
                respond(exchange, live ? 200 : 503, "application/json", "{\"state\":\"" + state + "\"}");
            });
            ops.routeOps("/health/ready", exchange -> {
                KafkaStreams.State state = stateOf(streams.get());
                respond(exchange, state == KafkaStreams.State.RUNNING ? 200 : 503, "application/json",
                        "{\"state\":\"" + state + "\"}");
            });
            server.setExecutor(threads);
            server.start();
            if (opsServer != null) {
                opsServer.setExecutor(opsThreads);
                opsServer.start();
            }
            return ops;
        } catch (IOException e) {
            if (server != null) {
                server.stop(0);
            }
            threads.shutdownNow();
            if (opsThreads != null) {
                opsThreads.shutdownNow();
            }
            throw new UncheckedIOException("cannot serve HTTP on " + setup.bindAddress() + " port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static HttpServer mainServer(HttpSetup setup) throws IOException {
        InetSocketAddress address = new InetSocketAddress(setup.bindAddress(), setup.port());
        if (setup.tls().isEmpty()) {
            return HttpServer.create(address, 0);
        }
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(setup.tls().get().serverContext()));
        return https;
    }

    /** Health and metrics: on the ops port when there is one, else on the main port. Never behind the token. */
    private void routeOps(String path, HttpHandler handler) {
        (ops != null ? ops : server).createContext(path, handler).getFilters().add(new RequestLimits());
    }

    /** Not created yet counts as CREATED: neither live-and-failed nor ready. */
    private static KafkaStreams.State stateOf(KafkaStreams streams) {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /**
     * Serves {@code path} and every path under it with {@code handler}, next to the operations
     * endpoints, on the server's own threads: a handler that may take long must hand the exchange on.
     */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, handler).getFilters().add(new RequestLimits());
    }

    /**
     * As {@link #route}, for what holds data (queries, settings, the live feed): behind the bearer token
     * when one is set, checked before the handler runs, so that a refused request costs no query thread.
     */
    public void routeForClients(String path, HttpHandler handler) {
        var filters = server.createContext(path, handler).getFilters();
        filters.add(new RequestLimits());
        setup.token().ifPresent(token -> filters.add(new BearerTokenFilter(token)));
    }

    /**
     * As {@link #route}, for an endpoint that reads a request body of up to {@code maxBodyBytes} and answers
     * for its own authentication (the webhook ingest: vendors sign their requests, they send no bearer token).
     */
    public void routeWithBody(String path, HttpHandler handler, long maxBodyBytes) {
        server.createContext(path, handler).getFilters().add(new RequestLimits(maxBodyBytes));
    }

    public HttpSetup setup() {
        return setup;
    }

    public HttpLimits limits() {
        return limits;
    }

    /** The registry {@code /metrics} serves. */
    public MeterRegistry registry() {
        return registry;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The port of {@code /health/*} and {@code /metrics}: the ops port when there is one, else the main port. */
    public int opsPort() {
        return (ops != null ? ops : server).getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        if (ops != null) {
            ops.stop(0);
            opsThreads.shutdownNow();
        }
    }
}
