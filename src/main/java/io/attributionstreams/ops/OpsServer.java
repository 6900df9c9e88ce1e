package io.attributionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 */
public final class OpsServer implements AutoCloseable {
    /**
     * Threads serving requests. More than the probes need: a query may wait on another instance, and
     * each open live feed (server-sent events) holds a thread.
     */
    private static final int THREADS = 16;

    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port the port, or 0 for any free one
     * @param streams the client whose state the health endpoints report; null until it exists
     */
    public static OpsServer start(int port, PrometheusMeterRegistry registry, Supplier<KafkaStreams> streams) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            server.createContext("/health/live", exchange -> {
                KafkaStreams.State state = stateOf(streams.get());
                boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                        && state != KafkaStreams.State.PENDING_ERROR;
                respond(exchange, live ? 200 : 503, "application/json", "{\"state\":\"" + state + "\"}");
            });
            server.createContext("/health/ready", exchange -> {
                KafkaStreams.State state = stateOf(streams.get());
                respond(exchange, state == KafkaStreams.State.RUNNING ? 200 : 503, "application/json",
                        "{\"state\":\"" + state + "\"}");
            });
            server.setExecutor(Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "ops-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new OpsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Not created yet counts as CREATED: neither live-and-failed nor ready. */
    private static KafkaStreams.State stateOf(KafkaStreams streams) {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Serves {@code path} and every path under it with {@code handler}, next to the operations endpoints. */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, handler);
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
    }
}
