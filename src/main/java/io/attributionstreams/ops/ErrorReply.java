package io.attributionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
import io.attributionstreams.topology.serde.Json;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON error every endpoint of the port answers with, {@code {"status":413,"error":"...","message":"..."}}
 * (the query package's {@code Reply.error} writes the same), for what the server refuses before any
 * endpoint sees the request.
 */
final class ErrorReply {
    private ErrorReply() {
    }

    private record Body(int status, String error, String message) {
    }

    static void send(HttpExchange exchange, int status, String error, String message) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(new Body(status, error, message));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
