package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.ops.BearerToken;
import io.attributionstreams.ops.HttpSetup;
import io.attributionstreams.ops.ServerTls;
import io.attributionstreams.testsupport.TestKeystore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding over real HTTP: a client that sets the forwarding header itself gets the whole answer, as
 * any client, while a request signed with the instances' key is answered as a forward; and two instances
 * with HTTPS and a token forward to each other, over HTTPS, with the token.
 */
class ForwardedHttpTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String OTHER = "app-1:8080";
    private static final String TOKEN = "a-token-the-instances-share-0123456789";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> get(HttpClient client, String url, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One instance here (partition 0) and a fake other one (partition 1) its forwarding reaches. */
    private static void twoInstances(ServedQueries served) {
        FakeStores other = new FakeStores(OTHER);
        served.stores.channelPartitions.put(served.self, Set.of(0));
        served.stores.channelPartitions.put(OTHER, Set.of(1));
        other.channelPartitions.putAll(served.stores.channelPartitions);
        served.stores.channels.put(0, List.of(ChannelsEndpointTest.total("FIRST_PAID", "google", "1", 100)));
        other.channels.put(1, List.of(ChannelsEndpointTest.total("FIRST_PAID", "tv", "1", 200)));
        served.fakeForwarding.instances.put(OTHER,
                new ChannelsEndpoint(other, served.fakeForwarding, AttributionSettings.defaults()));
    }

    @Test
    void aForwardingHeaderAClientSetsIsIgnoredAndOneSignedByAnInstanceIsHonoured() throws Exception {
        try (ServedQueries served = new ServedQueries()) {
            twoInstances(served);
            String url = served.base + "/channels";

            JsonNode forged = PLAIN.readTree(get(client, url, Map.of(Forwarding.FORWARDED_BY, OTHER)).body());
            JsonNode forgedMac = PLAIN.readTree(get(client, url, Map.of(Forwarding.FORWARDED_BY,
                    OTHER + ";bm90IGEgbWFjIG9mIHRoaXMga2V5IGF0IGFsbCwgbm8")).body());
            JsonNode signed = PLAIN.readTree(get(client, url, Map.of(Forwarding.FORWARDED_BY,
                    ServedQueries.SIGNATURE.header(OTHER, "GET", "/channels"))).body());

            // a client's request, whatever header it sets: every partition, the other instance asked
            assertThat(forged.get("partitions").toString()).isEqualTo("[0,1]");
            assertThat(forgedMac.get("partitions").toString()).isEqualTo("[0,1]");
            assertThat(served.fakeForwarding.calls).hasSize(2);
            // an instance's forward: this instance's own partitions only, as the forwarder gathers the rest
            assertThat(signed.get("partitions").toString()).isEqualTo("[0]");
            assertThat(served.fakeForwarding.calls).hasSize(2);
        }
    }

    @Test
    void instancesWithHttpsAndATokenForwardToEachOtherOverHttps(@TempDir Path dir) throws Exception {
        TestKeystore keystore = TestKeystore.generate(dir);
        ServerTls tls = ServerTls.load(keystore.keystore(), keystore.password(), null);
        HttpSetup setup = HttpSetup.plain(0).withToken(BearerToken.of(TOKEN)).withTls(tls);
        try (ServedQueries first = new ServedQueries(setup, true); ServedQueries second = new ServedQueries(setup, true)) {
            for (ServedQueries served : List.of(first, second)) {
                served.stores.channelPartitions.put(first.self, Set.of(0));
                served.stores.channelPartitions.put(second.self, Set.of(1));
            }
            first.stores.channels.put(0, List.of(ChannelsEndpointTest.total("FIRST_PAID", "google", "1", 100)));
            second.stores.channels.put(1, List.of(ChannelsEndpointTest.total("FIRST_PAID", "tv", "1", 200)));
            HttpClient trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(tls.clientContext()).build();

            HttpResponse<String> channels = get(trusting, first.base + "/channels",
                    Map.of("Authorization", "Bearer " + TOKEN));
            HttpResponse<String> noToken = get(trusting, first.base + "/channels", Map.of());

            assertThat(first.base).startsWith("https://");
            assertThat(channels.statusCode()).as(channels.body()).isEqualTo(200);
            JsonNode body = PLAIN.readTree(channels.body());
            assertThat(body.get("partitions").toString()).isEqualTo("[0,1]");
            assertThat(List.of(body.get("instances").get(0).asText(), body.get("instances").get(1).asText()))
                    .containsExactlyInAnyOrder(first.self, second.self);
            assertThat(noToken.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theHttpsPortSpeaksNoPlainHttp(@TempDir Path dir) throws Exception {
        TestKeystore keystore = TestKeystore.generate(dir);
        ServerTls tls = ServerTls.load(keystore.keystore(), keystore.password(), null);
        try (ServedQueries served = new ServedQueries(HttpSetup.plain(0).withTls(tls), false)) {
            HttpClient trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(tls.clientContext()).build();

            assertThat(get(trusting, served.base + "/settings", Map.of()).statusCode()).isEqualTo(200);
            // the server waits for a TLS handshake that never comes: no answer, within a short wait
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(
                    URI.create("http://" + served.self + "/settings")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
    }
}
