package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.contract.ChannelTotalRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /channels}: gathering every instance's partitions, whole or not at all. */
class ChannelsEndpointTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String SELF = "app-0:8080";
    private static final String OTHER = "app-1:8080";
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults();

    private final FakeStores stores = new FakeStores(SELF);
    private final FakeStores other = new FakeStores(OTHER);
    private final FakeForwarding forwarding = new FakeForwarding();
    private final ChannelsEndpoint endpoint = new ChannelsEndpoint(stores, forwarding, SETTINGS);

    static ChannelTotalRecord total(String type, String channel, String credit, long cents) {
        return new ChannelTotalRecord(type, "daily_split", channel, new BigDecimal(credit),
                io.attributionstreams.normalise.Money.format(cents), java.math.BigInteger.valueOf(cents), 3, 2, null, "0.00", java.math.BigInteger.ZERO, 0, null, "0.00");
    }

    @BeforeEach
    void twoInstancesWithThreePartitions() {
        stores.channelPartitions.put(SELF, Set.of(0, 2));
        stores.channelPartitions.put(OTHER, Set.of(1));
        other.channelPartitions.putAll(stores.channelPartitions);
        stores.channels.put(0, List.of(total("FIRST_PAID", "google", "12.3333333333333333333333333333333", 150_000)));
        stores.channels.put(2, List.of(total("FIRST_CONTACT", "google", "40", 0)));
        other.channels.put(1, List.of(total("FIRST_PAID", "(unattributed)", "0", 9_999),
                total("FIRST_PAID", "facebook", "7.5", -250)));
        forwarding.instances.put(OTHER, new ChannelsEndpoint(other, forwarding, SETTINGS));
    }

    private Reply get(String pathAndQuery) {
        return endpoint.replyTo(QueryRequest.of(pathAndQuery));
    }

    @Test
    void gathersEveryInstancesPartitionsInOrder() throws IOException {
        Reply reply = get("/channels");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.get("partitions").toString()).isEqualTo("[0,1,2]");
        assertThat(body.get("instances").toString()).isEqualTo("[\"" + SELF + "\",\"" + OTHER + "\"]");
        List<String> rows = new ArrayList<>();
        body.get("channels").forEach(c -> rows.add(c.get("conversion_type").asText() + " " + c.get("channel").asText()
                + " " + c.get("revenue").asText()));
        assertThat(rows).containsExactly("FIRST_CONTACT google 0.00", "FIRST_PAID (unattributed) 99.99",
                "FIRST_PAID facebook -2.50", "FIRST_PAID google 1500.00");
        assertThat(reply.text()).contains("\"credit\":12.3333333333333333333333333333333");
        assertThat(forwarding.calls).containsExactly(OTHER + "/channels by " + SELF);
    }

    @Test
    void filtersByTypeOnEveryInstance() throws IOException {
        JsonNode body = PLAIN.readTree(get("/channels?type=FIRST_CONTACT&model=daily_split").body());

        assertThat(body.get("channels")).hasSize(1);
        assertThat(forwarding.calls).containsExactly(OTHER + "/channels?type=FIRST_CONTACT&model=daily_split by " + SELF);
    }

    @Test
    void aForwardedRequestIsAnsweredFromTheLocalPartitionsAlone() throws IOException {
        Reply reply = endpoint.replyTo(QueryRequest.of("/channels").forwardedBy(OTHER));

        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.get("partitions").toString()).isEqualTo("[0,2]");
        assertThat(body.get("channels")).hasSize(2);
        assertThat(forwarding.calls).isEmpty();
    }

    @Test
    void anUnreachableInstanceOrMovedPartitionsAre503NotAPartialAnswer() {
        forwarding.instances.clear();
        Reply unreachable = get("/channels");
        forwarding.instances.put(OTHER, new ChannelsEndpoint(other, forwarding, SETTINGS));
        other.channelPartitions.put(OTHER, Set.of(1, 2)); // the other instance already sees a new assignment
        Reply moved = get("/channels");

        for (Reply reply : List.of(unreachable, moved)) {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void badParametersAre400AndNotRunningIs503() {
        assertThat(get("/channels?type=LAST_PAID").status()).isEqualTo(400);
        assertThat(get("/channels?model=linear").status()).isEqualTo(400);
        assertThat(get("/channelsx").status()).isEqualTo(404);
        stores.running = false;
        assertThat(get("/channels").status()).isEqualTo(503);
        stores.running = true;
        stores.channelPartitions.clear();
        assertThat(get("/channels").status()).isEqualTo(503);
    }
}
