package io.attributionstreams.query;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@link Forwarding#FORWARDED_BY} header, signed: {@code <host:port>;<MAC>}, the MAC being
 * HMAC-SHA-256 (base64url, no padding) of {@code host:port + " " + method + " " + path-and-query}, keyed
 * with a key every instance shares and no client sees (derived from the pseudonym key). A client can
 * set the header, but not sign it: an unsigned or wrongly signed one counts as absent, so a client
 * cannot make {@code /channels} answer with one instance's partitions, nor slip past the limits meant
 * for clients. The MAC binds the path, not a moment: whoever could read traffic between instances
 * could replay a header for the same path, which is one more reason to serve HTTPS between them.
 */
final class ForwardingSignature {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    ForwardingSignature(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The header's value for a request this instance ({@code self}) forwards. */
    String header(String self, String method, String pathAndQuery) {
        return self + ';' + mac(self, method, pathAndQuery);
    }

    /**
     * The instance that forwarded the request, when the header names one and its MAC verifies; empty
     * for no header, a malformed one, or a wrong MAC.
     */
    Optional<String> verifiedSender(String header, String method, String pathAndQuery) {
        if (header == null) {
            return Optional.empty();
        }
        int semicolon = header.lastIndexOf(';');
        if (semicolon <= 0) {
            return Optional.empty();
        }
        String sender = header.substring(0, semicolon).strip();
        byte[] expected = mac(sender, method, pathAndQuery).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = header.substring(semicolon + 1).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented) ? Optional.of(sender) : Optional.empty();
    }

    /**
     * The instance that forwarded {@code exchange}, its header verified; null for a client's request.
     * Checked wherever it matters ({@link HttpEndpoint}, {@link EndpointLimit}) rather than once and kept
     * on the exchange: the JDK server's exchange attributes belong to the whole context, not to one request.
     */
    String senderOf(HttpExchange exchange) {
        URI uri = exchange.getRequestURI();
        String pathAndQuery = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + '?' + uri.getRawQuery();
        return verifiedSender(exchange.getRequestHeaders().getFirst(Forwarding.FORWARDED_BY),
                exchange.getRequestMethod(), pathAndQuery).orElse(null);
    }

    private String mac(String sender, String method, String pathAndQuery) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // cheap next to an HTTP request; a Mac is not thread-safe
            mac.init(key);
            byte[] signed = mac.doFinal((sender + ' ' + method + ' ' + pathAndQuery).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
