package io.attributionstreams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.attributionstreams.topology.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /updates/stream}: the live feed as server-sent events ({@code text/event-stream}).
 * It first sends the latest entries (or, on a reconnect, those after the browser's
 * {@code Last-Event-ID}), then each new entry as it arrives, and a comment line every
 * {@value #HEARTBEAT_MILLIS} ms so that proxies keep the connection open. Each open stream holds
 * a thread, so it runs on a pool of its own whose size caps their number ({@link QueryRoutes}). A
 * stream ends itself after {@code lifetime}, before the server's response timeout would cut it: the
 * browser reconnects two seconds later with its {@code Last-Event-ID} and misses nothing still in the feed.
 */
final class UpdatesStream implements HttpHandler {
    static final String PATH = "/updates/stream";
    static final int BACKLOG = 50;
    static final long HEARTBEAT_MILLIS = 15_000;

    private final UpdateFeed feed;
    private final String self;
    private final Duration lifetime;

    UpdatesStream(UpdateFeed feed, String self, Duration lifetime) {
        this.feed = feed;
        this.self = self;
        this.lifetime = lifetime;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(PATH)) {
                HttpEndpoint.send(exchange, Reply.error(404, "not_found", "no such endpoint; try GET " + PATH));
                return;
            }
            stream(exchange);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set(Forwarding.INSTANCE, self);
        long end = System.nanoTime() + lifetime.toNanos();
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long last = lastEventId(exchange);
        if (last > feed.lastSeq()) {
            last = -1; // an id from before this instance restarted: start afresh
        }
        try {
            List<FeedEntry> first = last < 0 ? feed.latest(BACKLOG) : feed.after(last, 0);
            write(out, "retry: 2000\n\n");
            last = send(out, first, Math.max(last, 0));
            for (long left = millisUntil(end); left > 0 && !feed.closed(); left = millisUntil(end)) {
                List<FeedEntry> next = feed.after(last, Math.min(HEARTBEAT_MILLIS, left));
                if (next.isEmpty()) {
                    write(out, ": keep-alive\n\n");
                }
                last = send(out, next, last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away: nothing to do
        }
    }

    private static long millisUntil(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
    }

    private static long send(OutputStream out, List<FeedEntry> entries, long last) throws IOException {
        for (FeedEntry entry : entries) {
            write(out, "id: " + entry.seq() + "\nevent: update\ndata: " + json(entry) + "\n\n");
            last = entry.seq();
        }
        out.flush();
        return last;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String json(FeedEntry entry) {
        try {
            return Json.MAPPER.writeValueAsString(entry); // one line: the mapper does not indent
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The browser's {@code Last-Event-ID} on a reconnect, or -1. */
    private static long lastEventId(HttpExchange exchange) {
        String id = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        try {
            return id == null ? -1 : Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
