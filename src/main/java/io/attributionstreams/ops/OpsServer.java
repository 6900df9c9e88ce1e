package io.attributionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
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
 * dead) and {@code /health/ready} (Kafka Streams is RUNNING), for the Kubernetes probes.
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port the port, or 0 for any free one
     * @param streams the client whose state the health endpoints report
     */
    public static OpsServer start(int port, PrometheusMeterRegistry registry, Supplier<KafkaStreams> streams) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            server.createContext("/health/live", exchange -> {
                KafkaStreams.State state = streams.get().state();
                boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                        && state != KafkaStreams.State.PENDING_ERROR;
                respond(exchange, live ? 200 : 503, "application/json", "{\"state\":\"" + state + "\"}");
            });
            server.createContext("/health/ready", exchange -> {
                KafkaStreams.State state = streams.get().state();
                respond(exchange, state == KafkaStreams.State.RUNNING ? 200 : 503, "application/json",
                        "{\"state\":\"" + state + "\"}");
            });
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
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
