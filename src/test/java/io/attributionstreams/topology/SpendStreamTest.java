package io.attributionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.batch.FactFile;
import io.attributionstreams.contract.ChannelTotalRecord;
import io.attributionstreams.conversion.ConversionType;
import io.attributionstreams.credit.CreditModels;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import io.attributionstreams.normalise.RawPayment;
import io.attributionstreams.normalise.RawSpend;
import io.attributionstreams.testsupport.FactRecord;
import io.attributionstreams.testsupport.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md §12 through the topology: spend upserts, corrections, deletes and rejects move the money
 * fields of every (type, model) row of a channel, and money spent for nothing keeps its row until its last
 * spend fact goes.
 */
class SpendStreamTest {
    private static final AttributionSettings SETTINGS = AttributionSettings.defaults()
            .withTypes(List.of(ConversionType.FIRST_PAID))
            .withModels(CreditModels.named(List.of("daily_split", "linear"))).withMarkov(true);

    private static FactRecord spend(String id, String channel, String campaign, String on, String amount) {
        return new FactRecord(FactFile.SPEND, id, new RawSpend(id, channel, campaign, on, amount, "USD"));
    }

    private static List<FactRecord> aCustomerWhoPaid() {
        return List.of(
                new FactRecord(FactFile.CUSTOMERS, "C1", new RawCustomer("C1", List.of("2015550123"), List.of())),
                new FactRecord(FactFile.INTERACTIONS, "I1", new RawInteraction("I1", "call", "2025-01-02T10:00:00Z",
                        "google_ads", "spring", "2015550123", null, null)),
                new FactRecord(FactFile.PAYMENTS, "P1", new RawPayment("P1", "C1", "2025-01-05T10:00:00Z", "300.00",
                        "USD")));
    }

    @Test
    void spendMovesEveryRowOfItsChannelAndCorrectionsReplaceIt() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(aCustomerWhoPaid());
            harness.pipe(spend("S1", "google_ads", "spring", "2025-01-01", "100.00"));
            harness.pipe(spend("S2", "google_ads", null, "2025-01-02", "50.00"));
            harness.pipe(spend("S1", "google_ads", "spring", "2025-01-01", "150.00")); // the platform's correction
            harness.pipe(spend("S3", "google_ads", null, "2025-01-03", "-20.00")); // a negative correction

            Map<String, ChannelTotalRecord> totals = harness.latestTotals();

            for (String model : List.of("daily_split", "linear", "markov")) {
                ChannelTotalRecord row = totals.get("FIRST_PAID|" + model + "|google_ads");
                assertThat(row.spend()).as(model).isEqualTo("180.00");
                assertThat(row.spendFacts()).as(model).isEqualTo(3);
                assertThat(row.revenue()).as(model).isEqualTo("300.00");
                assertThat(row.roas()).as(model).isEqualTo("1.6667"); // 300 / 180
                assertThat(row.costPerConversion()).as(model).isEqualTo("180.00"); // 180 / credit 1
            }
            assertThat(totals.get("FIRST_PAID|markov|google_ads").removalEffect()).isEqualTo(1.0);
        }
    }

    @Test
    void moneySpentForNothingKeepsARowUntilItsLastSpendFactGoes() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(aCustomerWhoPaid());
            harness.pipe(spend("T1", "tiktok", "launch", "2025-01-01", "250.00"));

            ChannelTotalRecord row = harness.latestTotals().get("FIRST_PAID|daily_split|tiktok");
            assertThat(row.credit()).isZero();
            assertThat(row.revenue()).isEqualTo("0.00");
            assertThat(row.customers()).isZero();
            assertThat(row.spend()).isEqualTo("250.00");
            assertThat(row.roas()).isEqualTo("0.0000");
            assertThat(row.costPerConversion()).isNull();
            ChannelTotalRecord markov = harness.latestTotals().get("FIRST_PAID|markov|tiktok");
            assertThat(markov.spend()).isEqualTo("250.00");
            assertThat(markov.removalEffect()).isNull();

            harness.pipe(FactRecord.tombstone(FactFile.SPEND, "T1"));

            assertThat(harness.latestTotals()).doesNotContainKeys("FIRST_PAID|daily_split|tiktok",
                    "FIRST_PAID|linear|tiktok", "FIRST_PAID|markov|tiktok");
        }
    }

    @Test
    void aBadSpendRecordIsADeadLetterAndChangesNothing() {
        try (TopologyHarness harness = new TopologyHarness(SETTINGS)) {
            harness.pipe(spend("S1", "google_ads", null, "2025-01-01", "100.00"));
            harness.pipe(spend("S1", "google_ads", null, "2025-01-01", "100.005")); // three decimals
            harness.pipe(new FactRecord(FactFile.SPEND, "S1", new RawSpend("S1", "google_ads", null, "someday",
                    "5.00", "USD")));
            harness.pipe(new FactRecord(FactFile.SPEND, "S9", new RawSpend("S1", "google_ads", null, "2025-01-01",
                    "5.00", "USD"))); // wrong key
            harness.pipeBytes("spend", "S1", "{\"spend_id\": [".getBytes(StandardCharsets.UTF_8));

            assertThat(harness.deadLetters()).hasSize(4);
            assertThat(harness.latestTotals().get("FIRST_PAID|daily_split|google_ads").spend()).isEqualTo("100.00");
        }
    }
}
