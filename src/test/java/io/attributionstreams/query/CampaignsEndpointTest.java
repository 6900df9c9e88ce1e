package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.channels.CampaignKey;
import io.attributionstreams.channels.ChannelTotal;
import io.attributionstreams.contract.CampaignTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /campaigns}: every instance's partitions of the campaign totals, whole or not at all. */
class CampaignsEndpointTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String SELF = "app-0:8080";
    private static final String OTHER = "app-1:8080";
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withModels(CreditModels.named(List.of("daily_split", "linear")));

    private final FakeStores stores = new FakeStores(SELF);
    private final FakeStores other = new FakeStores(OTHER);
    private final FakeForwarding forwarding = new FakeForwarding();
    private final CampaignsEndpoint endpoint = new CampaignsEndpoint(stores, forwarding, SETTINGS);

    static CampaignTotalRecord campaign(String type, String model, String channel, String campaign, String credit,
            long cents, long spendCents) {
        return CampaignTotalRecord.of(new CampaignKey(ConversionType.valueOf(type), model, channel, campaign),
                new ChannelTotal(new BigDecimal(credit), BigInteger.valueOf(cents), 3, 2, BigInteger.valueOf(spendCents),
                        spendCents == 0 ? 0 : 1));
    }

    @BeforeEach
    void twoInstancesWithThreePartitions() {
        // the campaign totals live in the channel totals' partitions: the same plan
        stores.channelPartitions.put(SELF, Set.of(0, 2));
        stores.channelPartitions.put(OTHER, Set.of(1));
        other.channelPartitions.putAll(stores.channelPartitions);
        stores.campaigns.put(0, List.of(campaign("FIRST_PAID", "daily_split", "google", "spring", "1.5", 15_000, 5_000),
                campaign("FIRST_PAID", "linear", "google", "spring", "1.25", 12_500, 5_000)));
        stores.campaigns.put(2, List.of(campaign("FIRST_CONTACT", "daily_split", "tv", "(none)", "4", 0, 0)));
        other.campaigns.put(1, List.of(campaign("FIRST_PAID", "daily_split", "google", "brand", "0.5", 5_000, 0),
                campaign("FIRST_PAID", "daily_split", "facebook", "spring, promo", "2", 20_000, 10_000)));
        forwarding.instances.put(OTHER, new CampaignsEndpoint(other, forwarding, SETTINGS));
    }

    private Reply get(String pathAndQuery) {
        return endpoint.replyTo(QueryRequest.of(pathAndQuery));
    }

    private static List<String> rows(JsonNode body) {
        List<String> rows = new ArrayList<>();
        body.get("campaigns").forEach(c -> rows.add(c.get("conversion_type").asText() + " " + c.get("model").asText()
                + " " + c.get("channel").asText() + " " + c.get("campaign").asText() + " " + c.get("revenue").asText()));
        return rows;
    }

    @Test
    void gathersEveryInstancesPartitionsInTheOrderOfCampaignsCsv() throws IOException {
        Reply reply = get("/campaigns");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode body = PLAIN.readTree(reply.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("instances", "partitions", "campaigns");
        assertThat(body.get("partitions").toString()).isEqualTo("[0,1,2]");
        assertThat(body.get("instances").toString()).isEqualTo("[\"" + SELF + "\",\"" + OTHER + "\"]");
        assertThat(rows(body)).containsExactly("FIRST_CONTACT daily_split tv (none) 0.00",
                "FIRST_PAID daily_split facebook spring, promo 200.00", "FIRST_PAID daily_split google brand 50.00",
                "FIRST_PAID daily_split google spring 150.00", "FIRST_PAID linear google spring 125.00");
        // each row exactly as on attribution-campaign-totals: the money figures included
        JsonNode spring = body.get("campaigns").get(3);
        assertThat(spring.get("spend").asText() + " " + spring.get("roas").asText() + " "
                + spring.get("cost_per_conversion").asText()).isEqualTo("50.00 3.0000 33.33");
        assertThat(forwarding.calls).containsExactly(OTHER + "/campaigns by " + SELF);
    }

    @Test
    void filtersByTypeAndModelOnEveryInstance() throws IOException {
        JsonNode paid = PLAIN.readTree(get("/campaigns?type=first_paid&model=daily_split").body());
        JsonNode linear = PLAIN.readTree(get("/campaigns?model=linear").body());

        assertThat(rows(paid)).containsExactly("FIRST_PAID daily_split facebook spring, promo 200.00",
                "FIRST_PAID daily_split google brand 50.00", "FIRST_PAID daily_split google spring 150.00");
        assertThat(rows(linear)).containsExactly("FIRST_PAID linear google spring 125.00");
        assertThat(forwarding.calls).containsExactly(OTHER + "/campaigns?type=first_paid&model=daily_split by " + SELF,
                OTHER + "/campaigns?model=linear by " + SELF);
    }

    @Test
    void aForwardedRequestIsAnsweredFromTheLocalPartitionsAlone() throws IOException {
        JsonNode body = PLAIN.readTree(endpoint.replyTo(QueryRequest.of("/campaigns").forwardedBy(OTHER)).body());

        assertThat(body.get("partitions").toString()).isEqualTo("[0,2]");
        assertThat(body.get("instances").toString()).isEqualTo("[\"" + SELF + "\"]");
        assertThat(rows(body)).hasSize(3);
        assertThat(forwarding.calls).isEmpty();
    }

    @Test
    void anUnreachableInstanceOrMovedPartitionsAre503NotAPartialAnswer() {
        forwarding.instances.clear();
        Reply unreachable = get("/campaigns");
        forwarding.instances.put(OTHER, new CampaignsEndpoint(other, forwarding, SETTINGS));
        other.channelPartitions.put(OTHER, Set.of(1, 2)); // the other instance already sees a new assignment
        Reply moved = get("/campaigns");

        assertThat(unreachable.text()).contains("instance " + OTHER + " holding campaign totals does not answer");
        assertThat(moved.text()).contains("the campaign totals moved between instances while being gathered");
        for (Reply reply : List.of(unreachable, moved)) {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void badParametersAre400AndNotRunningIs503() {
        assertThat(get("/campaigns?type=LAST_PAID").status()).isEqualTo(400);
        assertThat(get("/campaigns?model=w_shaped").text()).contains("unknown model 'w_shaped'");
        assertThat(get("/campaignsx").status()).isEqualTo(404);
        assertThat(get("/campaigns/").status()).isEqualTo(200);
        stores.running = false;
        assertThat(get("/campaigns").status()).isEqualTo(503);
        stores.running = true;
        stores.channelPartitions.clear();
        assertThat(get("/campaigns").text()).contains("no instance holds the campaign totals yet");
    }
}
