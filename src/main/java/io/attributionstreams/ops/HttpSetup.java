package io.attributionstreams.ops;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where and how the HTTP server listens, and who it lets in.
 *
 * @param bindAddress the address the ports listen on: {@code 0.0.0.0} for every interface, {@code 127.0.0.1}
 *     for this machine only
 * @param port the main port (dashboard, queries, live feed), 0 for any free one
 * @param opsPort a separate plain-HTTP port for {@code /health/*} and {@code /metrics}, which then leave the
 *     main port; empty to serve them on the main port
 * @param token the bearer token the queries, {@code /settings} and the live feed need; empty for none
 * @param tls HTTPS on the main port; empty for plain HTTP
 */
public record HttpSetup(String bindAddress, int port, OptionalInt opsPort, Optional<BearerToken> token,
        Optional<ServerTls> tls) {
    public static final String ALL_INTERFACES = "0.0.0.0";

    /** Plain HTTP on every interface, health and metrics on the same port, no token: as before any of this existed. */
    public static HttpSetup plain(int port) {
        return new HttpSetup(ALL_INTERFACES, port, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public HttpSetup withToken(BearerToken token) {
        return new HttpSetup(bindAddress, port, opsPort, Optional.of(token), tls);
    }

    public HttpSetup withOpsPort(int opsPort) {
        return new HttpSetup(bindAddress, port, OptionalInt.of(opsPort), token, tls);
    }

    public HttpSetup withTls(ServerTls tls) {
        return new HttpSetup(bindAddress, port, opsPort, token, Optional.of(tls));
    }

    public HttpSetup boundTo(String address) {
        return new HttpSetup(address, port, opsPort, token, tls);
    }

    /** How the main port is reached: {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
