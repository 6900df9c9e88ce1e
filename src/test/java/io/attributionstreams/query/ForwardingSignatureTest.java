package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signed forwarding header: what verifies, and every way a client could try to fake one. */
class ForwardingSignatureTest {
    private static final ForwardingSignature SIGNATURE = ServedQueries.SIGNATURE;
    private static final String PATH = "/channels?type=FIRST_PAID";

    @Test
    void aHeaderSignedWithTheSharedKeyNamesItsSender() {
        String header = SIGNATURE.header("app-1:8080", "GET", PATH);

        assertThat(header).matches("app-1:8080;[A-Za-z0-9_-]{43}");
        assertThat(SIGNATURE.verifiedSender(header, "GET", PATH)).hasValue("app-1:8080");
    }

    @Test
    void anUnsignedForgedOrReusedHeaderIsNoForward() {
        String header = SIGNATURE.header("app-1:8080", "GET", PATH);
        ForwardingSignature otherKey = new ForwardingSignature(
                "another key, that no instance holds...".getBytes(StandardCharsets.UTF_8));

        assertThat(SIGNATURE.verifiedSender(null, "GET", PATH)).isEmpty();
        assertThat(SIGNATURE.verifiedSender("app-1:8080", "GET", PATH)).isEmpty(); // the old, unsigned form
        assertThat(SIGNATURE.verifiedSender("app-1:8080;", "GET", PATH)).isEmpty();
        assertThat(SIGNATURE.verifiedSender(otherKey.header("app-1:8080", "GET", PATH), "GET", PATH)).isEmpty();
        assertThat(SIGNATURE.verifiedSender(header, "GET", "/channels")).isEmpty(); // another path
        assertThat(SIGNATURE.verifiedSender(header, "HEAD", PATH)).isEmpty();
        assertThat(SIGNATURE.verifiedSender(header.replace("app-1", "app-2"), "GET", PATH)).isEmpty();
    }
}
