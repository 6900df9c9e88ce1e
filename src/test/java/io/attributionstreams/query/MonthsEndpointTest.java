package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.channels.MonthKey;
import io.attributionstreams.contract.MonthTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /months}: every instance's partitions of the monthly totals, whole or not at all. */
class MonthsEndpointTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String SELF = "app-0:8080";
    private static final String OTHER = "app-1:8080";
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withModels(CreditModels.named(List.of("daily_split", "linear")));

    private final FakeStores stores = new FakeStores(SELF);
    private final FakeStores other = new FakeStores(OTHER);
    private final FakeForwarding forwarding = new FakeForwarding();
    private final MonthsEndpoint endpoint = new MonthsEndpoint(stores, forwarding, SETTINGS);

    static MonthTotalRecord month(String type, String model, String month, String channel, String credit, long cents) {
        return MonthTotalRecord.of(new MonthKey(ConversionType.valueOf(type), model, YearMonth.parse(month), channel),
                new ChannelTotal(new BigDecimal(credit), BigInteger.valueOf(cents), 2, 1));
    }

    @BeforeEach
    void twoInstancesWithThreePartitions() {
        // the monthly totals live in the channel totals' partitions: the same plan
        stores.channelPartitions.put(SELF, Set.of(1));
        stores.channelPartitions.put(OTHER, Set.of(0, 2));
        other.channelPartitions.putAll(stores.channelPartitions);
        stores.months.put(1, List.of(month("FIRST_PAID", "daily_split", "2025-10", "tv", "1", 10_000),
                month("FIRST_PAID", "linear", "2025-02", "tv", "0.5", 5_000)));
        other.months.put(0, List.of(month("FIRST_PAID", "daily_split", "2025-02", "tv", "2", 20_000)));
        other.months.put(2, List.of(month("FIRST_PAID", "daily_split", "2025-10", "google", "3", 30_000),
                month("FIRST_BOOKED", "daily_split", "2025-12", "radio", "1", 0)));
        forwarding.instances.put(OTHER, new MonthsEndpoint(other, forwarding, SETTINGS));
    }

    private Reply get(String pathAndQuery) {
        return endpoint.replyTo(QueryRequest.of(pathAndQuery));
    }

    private static List<String> rows(JsonNode body) {
        List<String> rows = new ArrayList<>();
        body.get("months").forEach(m -> rows.add(m.get("conversion_type").asText() + " " + m.get("model").asText()
                + " " + m.get("month").asText() + " " + m.get("channel").asText() + " " + m.get("credit").asText()));
        return rows;
    }

    @Test
    void gathersEveryInstancesPartitionsInTheOrderOfMonthsCsv() throws IOException {
        Reply reply = get("/months");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("instances", "partitions", "months");
        assertThat(body.get("partitions").toString()).isEqualTo("[0,1,2]");
        assertThat(body.get("instances").toString()).isEqualTo("[\"" + SELF + "\",\"" + OTHER + "\"]");
        // by type, model, month, then channel: google before tv within 2025-10
        assertThat(rows(body)).containsExactly("FIRST_BOOKED daily_split 2025-12 radio 1",
                "FIRST_PAID daily_split 2025-02 tv 2", "FIRST_PAID daily_split 2025-10 google 3",
                "FIRST_PAID daily_split 2025-10 tv 1", "FIRST_PAID linear 2025-02 tv 0.5");
        assertThat(forwarding.calls).containsExactly(OTHER + "/months by " + SELF);
    }

    @Test
    void filtersByTypeAndModelOnEveryInstance() throws IOException {
        JsonNode paid = PLAIN.readTree(get("/months?type=FIRST_PAID&model=daily_split").body());
        JsonNode booked = PLAIN.readTree(get("/months?type=FIRST_BOOKED").body());

        assertThat(rows(paid)).containsExactly("FIRST_PAID daily_split 2025-02 tv 2",
                "FIRST_PAID daily_split 2025-10 google 3", "FIRST_PAID daily_split 2025-10 tv 1");
        assertThat(rows(booked)).containsExactly("FIRST_BOOKED daily_split 2025-12 radio 1");
    }

    @Test
    void aForwardedRequestIsAnsweredFromTheLocalPartitionsAlone() throws IOException {
        JsonNode body = PLAIN.readTree(endpoint.replyTo(QueryRequest.of("/months").forwardedBy(OTHER)).body());

        assertThat(body.get("partitions").toString()).isEqualTo("[1]");
        assertThat(rows(body)).containsExactly("FIRST_PAID daily_split 2025-10 tv 1", "FIRST_PAID linear 2025-02 tv 0.5");
        assertThat(forwarding.calls).isEmpty();
    }

    @Test
    void anUnreachableInstanceOrMovedPartitionsAre503NotAPartialAnswer() {
        forwarding.instances.clear();
        Reply unreachable = get("/months");
        forwarding.instances.put(OTHER, new MonthsEndpoint(other, forwarding, SETTINGS));
        other.channelPartitions.put(OTHER, Set.of(0)); // partition 2 left the other instance meanwhile
        Reply moved = get("/months");
        other.channelPartitions.put(OTHER, Set.of(0, 2));
        other.running = false; // the other instance is rebalancing: it answers 503, so must the gathering
        Reply rebalancing = get("/months");

        assertThat(moved.text()).contains("the monthly totals moved between instances while being gathered");
        assertThat(rebalancing.text()).contains("instance " + OTHER + " answered 503 for its monthly totals");
        for (Reply reply : List.of(unreachable, moved, rebalancing)) {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void badParametersAre400AndNotRunningIs503() {
        assertThat(get("/months?type=LAST_PAID").status()).isEqualTo(400);
        assertThat(get("/months?model=markov").status()).isEqualTo(400);
        assertThat(get("/monthly").status()).isEqualTo(404);
        stores.running = false;
        assertThat(get("/months").status()).isEqualTo(503);
    }
}
