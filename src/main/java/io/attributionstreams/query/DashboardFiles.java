package io.attributionstreams.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard at {@code /}: three static files packaged in the jar ({@code dashboard/}), read once
 * at start (a missing one fails the start, not a page view). Any other path is a JSON 404. The
 * page may load scripts, styles and data from this server only: it has no build step and needs no
 * internet.
 */
final class DashboardFiles implements HttpHandler {
    private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/dashboard.js", "dashboard.js",
            "/dashboard.css", "dashboard.css");

    private final Map<String, Reply> pages;

    private DashboardFiles(Map<String, Reply> pages) {
        this.pages = pages;
    }

    static DashboardFiles load() {
        Map<String, Reply> pages = new java.util.HashMap<>();
        FILES.forEach((path, file) -> pages.put(path, new Reply(200, contentType(file), read(file),
                Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff"))));
        return new DashboardFiles(Map.copyOf(pages));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply page = pages.get(exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                page = Reply.error(405, "method_not_allowed", "only GET is served here");
            } else if (page == null) {
                page = Reply.error(404, "not_found", "no such page or endpoint");
            }
            HttpEndpoint.send(exchange, page);
        }
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardFiles.class.getResourceAsStream("/dashboard/" + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    }
}
