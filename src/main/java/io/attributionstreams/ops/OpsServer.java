package io.attributionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
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
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpLimits limits;
    private final MeterRegistry registry;

    private OpsServer(HttpServer server, ExecutorService threads, HttpLimits limits, MeterRegistry registry) {
        this.server = server;
        this.threads = threads;
        this.limits = limits;
        this.registry = registry;
    }

    /**
     * @param port the port, or 0 for any free one
     * @param streams the client whose state the health endpoints report; null until it exists
     */
    public static OpsServer start(int port, HttpLimits limits, PrometheusMeterRegistry registry,
            Supplier<KafkaStreams> streams) {
        JdkServerSettings.apply(limits);
        ExecutorService threads = Executors.newFixedThreadPool(limits.serverThreads(), new NamedThreads("http-server"));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            OpsServer ops = new OpsServer(server, threads, limits, registry);
            ops.route("/metrics", exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            ops.route("/health/live", exchange -> {
                KafkaStreams.State state = stateOf(streams.get());
                boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                        && state != KafkaStreams.State.PENDING_ERROR;
                respond(exchange, live ? 200 : 503, "application/json", "{\"state\":\"" + state + "\"}");
            });
            ops.route("/health/ready", exchange -> {
                KafkaStreams.State state = stateOf(streams.get());
                respond(exchange, state == KafkaStreams.State.RUNNING ? 200 : 503, "application/json",
                        "{\"state\":\"" + state + "\"}");
            });
            server.setExecutor(threads);
            server.start();
            return ops;
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("cannot serve HTTP on port " + port + ": " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
