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

    @Test
    void withoutMarkovTheReplyHasNoMarkovPartitions() throws IOException {
        JsonNode body = PLAIN.readTree(get("/channels").body());

        assertThat(body.has("markov_partitions")).isFalse();
        assertThat(body.fieldNames()).toIterable().containsExactly("instances", "partitions", "channels");
    }

    /** The markov rows are kept by conversion type, in partitions of their own: gathered as a second source. */
    @Test
    void markovRowsAreGatheredFromTheirOwnPartitionsAndAMoveThereIs503Too() throws IOException {
        AttributionSettings markov = SETTINGS.withMarkov(true);
        ChannelsEndpoint withMarkov = new ChannelsEndpoint(stores, forwarding, markov);
        forwarding.instances.put(OTHER, new ChannelsEndpoint(other, forwarding, markov));
        // the other way round from the channel totals: this instance holds markov partition 1, the other 0
        stores.markovPartitions.put(SELF, Set.of(1));
        stores.markovPartitions.put(OTHER, Set.of(0));
        other.markovPartitions.putAll(stores.markovPartitions);
        stores.markov.put(1, List.of(markovRow("FIRST_PAID", "google", "0.75")));
        other.markov.put(0, List.of(markovRow("FIRST_CONTACT", "tv", "1")));

        Reply reply = withMarkov.replyTo(QueryRequest.of("/channels"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.get("partitions").toString()).isEqualTo("[0,1,2]");
        assertThat(body.get("markov_partitions").toString()).isEqualTo("[0,1]");
        List<String> rows = new ArrayList<>();
        body.get("channels").forEach(c -> rows.add(c.get("conversion_type").asText() + " " + c.get("model").asText()
                + " " + c.get("channel").asText()));
        assertThat(rows).containsExactly("FIRST_CONTACT daily_split google", "FIRST_CONTACT markov tv",
                "FIRST_PAID daily_split (unattributed)", "FIRST_PAID daily_split facebook",
                "FIRST_PAID daily_split google", "FIRST_PAID markov google");
        assertThat(PLAIN.readTree(withMarkov.replyTo(QueryRequest.of("/channels?model=markov")).body())
                .get("channels")).hasSize(2);

        other.markovPartitions.put(OTHER, Set.of(0, 1)); // the other instance already sees a new assignment
        assertThat(withMarkov.replyTo(QueryRequest.of("/channels")).status()).isEqualTo(503);
        stores.markovPartitions.clear();
        assertThat(withMarkov.replyTo(QueryRequest.of("/channels")).text()).contains("no instance holds");
    }

    private static ChannelTotalRecord markovRow(String type, String channel, String credit) {
        return new ChannelTotalRecord(type, "markov", channel, new BigDecimal(credit), "10.00",
                java.math.BigInteger.valueOf(1000), 2, 1, 0.5, "0.00", java.math.BigInteger.ZERO, 0, null, "0.00");
    }
}
