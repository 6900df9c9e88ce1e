package io.attributionstreams.ops;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;

/**
 * Lets a request in only with {@code Authorization: Bearer <token>}. No header, or one that is not a
 * bearer token: 401 with {@code WWW-Authenticate}, the client is asked to authenticate. A bearer token
 * that is not this one: 403, the credentials were understood and refused (RFC 6750 would say 401
 * with {@code error="invalid_token"}; a distinct status lets a client tell "log in" from "wrong token"
 * without parsing a header, which is what the dashboard and {@code erase} need).
 */
final class BearerTokenFilter extends Filter {
    static final String CHALLENGE = "Bearer realm=\"attribution-streams\"";
    private static final String SCHEME = "bearer ";

    private final BearerToken token;

    BearerTokenFilter(BearerToken token) {
        this.token = token;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            try (exchange) {
                exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
                ErrorReply.send(exchange, 401, "unauthorized",
                        "this endpoint needs the header Authorization: Bearer <token>");
            }
            return;
        }
        if (!token.matches(authorization.substring(SCHEME.length()).strip())) {
            try (exchange) {
                ErrorReply.send(exchange, 403, "forbidden", "the bearer token was refused");
            }
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "lets in only requests with this server's bearer token";
    }
}
