package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.PathKey;
import io.attributionstreams.contract.PathTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /paths}: the most common paths to conversion of every instance's partitions, top first. */
class PathsEndpointTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String SELF = "app-0:8080";
    private static final String OTHER = "app-1:8080";
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withModels(CreditModels.named(List.of("daily_split", "linear")));

    private final FakeStores stores = new FakeStores(SELF);
    private final FakeStores other = new FakeStores(OTHER);
    private final FakeForwarding forwarding = new FakeForwarding();
    private final PathsEndpoint endpoint = new PathsEndpoint(stores, forwarding, SETTINGS);

    static PathTotalRecord path(String type, long conversions, long cents, String... steps) {
        return PathTotalRecord.of(new PathKey(ConversionType.valueOf(type), Arrays.asList(steps), false),
                new ChannelTotal(java.math.BigDecimal.ZERO, BigInteger.valueOf(cents), 0, conversions));
    }

    @BeforeEach
    void twoInstancesWithThreePartitions() {
        stores.channelPartitions.put(SELF, Set.of(1));
        stores.channelPartitions.put(OTHER, Set.of(0, 2));
        other.channelPartitions.putAll(stores.channelPartitions);
        stores.paths.put(1, List.of(path("FIRST_PAID", 5, 1_000, "tv"), path("FIRST_PAID", 2, 900, "google", "tv"),
                path("FIRST_BOOKED", 7, 0, "radio")));
        other.paths.put(0, List.of(path("FIRST_PAID", 5, 3_000, "google"), path("FIRST_PAID", 1, 50, "email")));
        other.paths.put(2, List.of(path("FIRST_PAID", 3, 10, "email", "tv"), path("FIRST_PAID", 2, 900, "email")));
        forwarding.instances.put(OTHER, new PathsEndpoint(other, forwarding, SETTINGS));
    }

    private Reply get(String pathAndQuery) {
        return endpoint.replyTo(QueryRequest.of(pathAndQuery));
    }

    private static List<String> rows(JsonNode body) {
        List<String> rows = new ArrayList<>();
        body.get("paths").forEach(p -> rows.add(p.get("conversion_type").asText() + " " + p.get("path").asText()
                + " " + p.get("conversions").asLong() + " " + p.get("revenue").asText()));
        return rows;
    }

    @Test
    void mostConversionsFirstThenMostRevenueFromEveryInstance() throws IOException {
        Reply reply = get("/paths?type=FIRST_PAID");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("instances", "partitions", "paths");
        assertThat(body.get("partitions").toString()).isEqualTo("[0,1,2]");
        assertThat(rows(body)).containsExactly("FIRST_PAID google 5 30.00", "FIRST_PAID tv 5 10.00",
                "FIRST_PAID email > tv 3 0.10", "FIRST_PAID email 2 9.00", "FIRST_PAID google > tv 2 9.00",
                "FIRST_PAID email 1 0.50");
        assertThat(body.get("paths").get(4).get("steps").toString()).isEqualTo("[\"google\",\"tv\"]");
    }

    @Test
    void theLimitKeepsTheTopRowsOfAllInstancesAndEachSendsItsOwnTopRowsOnly() throws IOException {
        JsonNode top = PLAIN.readTree(get("/paths?limit=3").body());
        JsonNode forwarded = PLAIN.readTree(new PathsEndpoint(other, forwarding, SETTINGS)
                .replyTo(QueryRequest.of("/paths?limit=2").forwardedBy(SELF)).body());

        assertThat(rows(top)).containsExactly("FIRST_BOOKED radio 7 0.00", "FIRST_PAID google 5 30.00",
                "FIRST_PAID tv 5 10.00");
        assertThat(rows(forwarded)).containsExactly("FIRST_PAID google 5 30.00", "FIRST_PAID email > tv 3 0.10");
        assertThat(forwarded.get("partitions").toString()).isEqualTo("[0,2]");
    }

    @Test
    void aBadLimitOrAModelIs400() {
        for (String bad : List.of("/paths?limit=0", "/paths?limit=1001", "/paths?limit=ten", "/paths?model=linear",
                "/paths?type=LAST_PAID")) {
            Reply reply = get(bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
        }
        assertThat(get("/paths?limit=1000").status()).isEqualTo(200);
        assertThat(get("/paths?limit=ten").text()).contains("limit must be a whole number from 1 to 1000");
    }

    @Test
    void movedPartitionsAre503() {
        other.channelPartitions.put(OTHER, Set.of(0));
        Reply moved = get("/paths");
        assertThat(moved.status()).isEqualTo(503);
        assertThat(moved.text()).contains("the path totals moved between instances while being gathered");
    }
}
